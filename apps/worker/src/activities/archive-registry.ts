import { ArchiveSource, openArchiveSource } from '@cacscreen/dicom';

/**
 * Resolves a sweep's `source` string (a folder path or a DICOMweb URL) to an archive. One instance per source and
 * process, so a folder is indexed once per worker, not once per activity.
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

  /** Local files of one series (a DICOMweb source downloads them first), for the analysis that reads pixels. */
  seriesFiles(source: string, studyInstanceUid: string, seriesInstanceUid: string): Promise<string[]> {
    return this.get(source).fetchSeries(studyInstanceUid, seriesInstanceUid);
  }
}
