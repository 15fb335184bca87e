import { DicomError } from '../errors';
import type { DicomLimits } from '../limits';
import { type IndexedFile, groupInstances } from './group-instances';
import { listFiles } from './list-files';
import { readHeader } from './read-header';
import type { FolderIndex, IndexProgress, UnreadableFile } from './types';

export interface IndexFolderOptions {
  onProgress?: (progress: IndexProgress) => void;
  /** Size limits (limits.ts) for each file's header. */
  limits?: Partial<DicomLimits>;
}

function unreadable(path: string, error: unknown): UnreadableFile {
  if (error instanceof DicomError) return { path, reason: error.message, code: error.code };
  const message = error instanceof Error ? error.message : String(error);
  return { path, reason: `Could not read the file: ${message}`, code: 'IO_ERROR' };
}

/**
 * Reads the header (never the pixels) of every file under `dir` and groups them by study and series
 * (group-instances.ts: UIDs missing from de-identified copies are derived from the content). Files that are not
 * DICOM, or not images and without a StudyInstanceUID (DICOMDIR, some reports), are listed with the reason.
 * Studies and series come back sorted by UID, so the result is the same on every run.
 */
export async function indexFolder(dir: string, options: IndexFolderOptions = {}): Promise<FolderIndex> {
  const paths = await listFiles(dir);
  const files: IndexedFile[] = [];
  const bad: UnreadableFile[] = [];
  for (const [i, path] of paths.entries()) {
    try {
      files.push({ path, instance: await readHeader(path, options.limits) });
    } catch (error) {
      bad.push(unreadable(path, error));
    }
    options.onProgress?.({ filesSeen: i + 1, filesIndexed: files.length, unreadable: bad.length, path });
  }
  const grouped = groupInstances(files);
  return { studies: grouped.studies, unreadable: [...bad, ...grouped.unreadable] };
}
