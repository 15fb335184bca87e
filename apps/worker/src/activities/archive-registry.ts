import { ArchiveSource, DicomError, IndexedStudy, openArchiveSource } from '@cacscreen/dicom';

/**
 * Resolves a sweep's `source` string (a folder path or a DICOMweb URL) to an archive. One instance per source and
 * process, so a folder is indexed once per worker, not once per activity; `refresh` forgets it when the archive may
 * have grown (a new sweep starts), and a study missing from a stale index triggers one refresh.
 */
export class ArchiveRegistry {
  private readonly sources = new Map<string, ArchiveSource>();

  get(source: string): ArchiveSource {
    let archive = this.sources.get(source);
    if (!archive) {
      archive = openArchiveSource(source);
      this.sources.set(source, archive);
    }
    return archive;
  }

  /** Forget what is known of a source: the next call lists (or indexes) it afresh. */
  refresh(source: string): void {
    this.sources.delete(source);
  }

  async getStudy(source: string, studyInstanceUid: string): Promise<IndexedStudy> {
    try {
      return await this.get(source).getStudy(studyInstanceUid);
    } catch (error) {
      // Another worker listed the study after this one indexed the folder: look again once.
      if (!(error instanceof DicomError && error.code === 'NOT_FOUND')) throw error;
      this.refresh(source);
      return this.get(source).getStudy(studyInstanceUid);
    }
  }

  /** Local files of one series (a DICOMweb source downloads them first), for the analysis that reads pixels. */
  seriesFiles(source: string, studyInstanceUid: string, seriesInstanceUid: string): Promise<string[]> {
    return this.get(source).fetchSeries(studyInstanceUid, seriesInstanceUid);
  }
}
