import { DicomError } from '../errors';
import type { DicomInstance } from '../parse/dicom-instance';
import { listFiles } from './list-files';
import { readHeader } from './read-header';
import { summarizeSeries } from './summarize-series';
import type { FolderIndex, IndexProgress, IndexedStudy, UnreadableFile } from './types';

export interface IndexFolderOptions {
  onProgress?: (progress: IndexProgress) => void;
}

function unreadable(path: string, error: unknown): UnreadableFile {
  if (error instanceof DicomError) return { path, reason: error.message, code: error.code };
  const message = error instanceof Error ? error.message : String(error);
  return { path, reason: `Could not read the file: ${message}`, code: 'IO_ERROR' };
}

/**
 * Reads the header (never the pixels) of every file under `dir` and groups them by study and series. Files that
 * are not DICOM, or DICOM without study/series UIDs (DICOMDIR, some reports), are listed with the reason.
 * Studies and series come back sorted by UID, so the result is the same on every run.
 */
export async function indexFolder(dir: string, options: IndexFolderOptions = {}): Promise<FolderIndex> {
  const paths = await listFiles(dir);
  const studies = new Map<
    string,
    { instances: Map<string, { path: string; instance: DicomInstance }[]>; study: IndexedStudy }
  >();
  const bad: UnreadableFile[] = [];
  let indexed = 0;
  for (const [i, path] of paths.entries()) {
    try {
      const instance = await readHeader(path);
      const studyUid = instance.studyInstanceUid;
      if (!studyUid) {
        bad.push({
          path,
          reason: 'DICOM file without StudyInstanceUID (0020,000D): not part of a study',
          code: 'MISSING_TAG',
        });
      } else {
        let entry = studies.get(studyUid);
        if (!entry) {
          entry = {
            instances: new Map(),
            study: {
              studyInstanceUid: studyUid,
              patientId: instance.patientId ?? null,
              studyDate: instance.studyDate ?? null,
              series: [],
              unreadable: [],
            },
          };
          studies.set(studyUid, entry);
        }
        const seriesUid = instance.seriesInstanceUid;
        if (!seriesUid) {
          entry.study.unreadable.push({ path, reason: 'No SeriesInstanceUID (0020,000E)', code: 'MISSING_TAG' });
        } else {
          const list = entry.instances.get(seriesUid) ?? [];
          list.push({ path, instance });
          entry.instances.set(seriesUid, list);
          indexed++;
        }
      }
    } catch (error) {
      bad.push(unreadable(path, error));
    }
    options.onProgress?.({ filesSeen: i + 1, filesIndexed: indexed, unreadable: bad.length, path });
  }
  const result: IndexedStudy[] = [];
  for (const uid of [...studies.keys()].sort()) {
    const { study, instances } = studies.get(uid)!;
    study.series = [...instances.keys()].sort().map((s) => summarizeSeries(s, instances.get(s)!));
    result.push(study);
  }
  return { studies: result, unreadable: bad };
}
