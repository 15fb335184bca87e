import { access, constants, stat } from 'fs/promises';
import { DicomError, NotFoundError } from '../errors';
import { type IndexFolderOptions, indexFolder } from './index-folder';
import type { ArchiveSource, FolderIndex, IndexedStudy, StudyRef } from './types';

/**
 * An archive that is a folder of DICOM files. Indexes the folder on first use and keeps the index; pages through
 * studies sorted by StudyInstanceUID, the cursor being the last UID of the previous page (stable even if the
 * process restarts, as long as the folder is unchanged; new studies sort into place).
 */
export class FolderArchiveSource implements ArchiveSource {
  private index: Promise<FolderIndex> | undefined;

  constructor(
    private readonly dir: string,
    private readonly options: IndexFolderOptions = {},
  ) {}

  /** The folder index, built once. */
  getIndex(): Promise<FolderIndex> {
    this.index ??= indexFolder(this.dir, this.options);
    return this.index;
  }

  /** Forget the index so the next call re-reads the folder. */
  refresh(): void {
    this.index = undefined;
  }

  async probe(): Promise<void> {
    let info;
    try {
      info = await stat(this.dir);
    } catch {
      throw new NotFoundError(`Folder ${this.dir} does not exist on this machine`);
    }
    if (!info.isDirectory()) throw new DicomError('INVALID_VALUE', `${this.dir} is a file, not a folder`);
    try {
      await access(this.dir, constants.R_OK | constants.X_OK);
    } catch {
      throw new DicomError('SOURCE_REJECTED', `Folder ${this.dir} cannot be read by this process`);
    }
  }

  async listStudies(
    cursor: string | null,
    pageSize: number,
  ): Promise<{ studies: StudyRef[]; nextCursor: string | null }> {
    const size = Math.max(1, Math.floor(pageSize));
    const { studies } = await this.getIndex();
    const start = cursor === null ? 0 : studies.findIndex((s) => s.studyInstanceUid > cursor);
    const page = start < 0 ? [] : studies.slice(start, start + size);
    const refs = page.map(({ studyInstanceUid, patientId, studyDate }) => ({ studyInstanceUid, patientId, studyDate }));
    const more = start >= 0 && start + size < studies.length;
    return { studies: refs, nextCursor: more ? refs[refs.length - 1].studyInstanceUid : null };
  }

  async getStudy(studyInstanceUid: string): Promise<IndexedStudy> {
    const { studies } = await this.getIndex();
    const study = studies.find((s) => s.studyInstanceUid === studyInstanceUid);
    if (!study) throw new NotFoundError(`Study ${studyInstanceUid} is not in the folder ${this.dir}`);
    return study;
  }

  /** The series' files as indexed: already local. */
  async fetchSeries(studyInstanceUid: string, seriesInstanceUid: string): Promise<string[]> {
    const study = await this.getStudy(studyInstanceUid);
    const series = study.series.find((s) => s.seriesInstanceUid === seriesInstanceUid);
    if (!series)
      throw new NotFoundError(`Series ${seriesInstanceUid} is not in study ${studyInstanceUid} (${this.dir})`);
    return series.files;
  }
}
