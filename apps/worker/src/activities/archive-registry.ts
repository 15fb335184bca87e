import { ArchiveSource, FolderArchiveSource } from '@cacscreen/dicom';

/**
 * Resolves a sweep's `source` string to an archive. One instance per source and process, so a folder is indexed
 * once per worker, not once per activity.
 */
export class ArchiveRegistry {
  private readonly sources = new Map<string, ArchiveSource>();

  get(source: string): ArchiveSource {
    let archive = this.sources.get(source);
    if (!archive) {
      archive = new FolderArchiveSource(source);
      this.sources.set(source, archive);
    }
    return archive;
  }

  /** The files of one series of a study (for the analysis, which reads pixels). */
  async seriesFiles(source: string, studyInstanceUid: string, seriesInstanceUid: string): Promise<string[]> {
    const study = await this.get(source).getStudy(studyInstanceUid);
    const series = study.series.find((s) => s.seriesInstanceUid === seriesInstanceUid);
    if (!series) throw new Error(`Series ${seriesInstanceUid} is no longer in study ${studyInstanceUid}`);
    return series.files;
  }
}
