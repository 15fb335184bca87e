import type { DicomInstance } from '../parse/dicom-instance';
import { type DerivedUid, deriveFrameOfReferenceUid, deriveSeriesUid, deriveStudyUid } from './derive-uids';
import { isValidUid } from './is-valid-uid';
import { summarizeSeries } from './summarize-series';
import type { IndexedStudy, UnreadableFile } from './types';

export interface IndexedFile {
  path: string;
  instance: DicomInstance;
}

interface SeriesGroup {
  files: IndexedFile[];
  derived?: DerivedUid;
}

interface StudyGroup {
  study: IndexedStudy;
  series: Map<string, SeriesGroup>;
  derived?: DerivedUid;
  derivedFiles: number;
}

const UID_FIELDS = [
  ['StudyInstanceUID (0020,000D)', 'studyInstanceUid'],
  ['SeriesInstanceUID (0020,000E)', 'seriesInstanceUid'],
  ['SOPInstanceUID (0008,0018)', 'sopInstanceUid'],
  ['FrameOfReferenceUID (0020,0052)', 'frameOfReferenceUid'],
] as const;

/** The first UID attribute that is present but breaks the UID grammar; its value is not repeated (it may be a path). */
function invalidUid(instance: DicomInstance): string | undefined {
  return UID_FIELDS.find(([, key]) => instance[key] !== undefined && !isValidUid(instance[key]!))?.[0];
}

/** An image has a pixel grid; DICOMDIR, reports and presentation states do not, and are never part of a series. */
function isImage(instance: DicomInstance): boolean {
  return instance.rows !== undefined && instance.columns !== undefined;
}

function describeDerived(keyword: string, tag: string, derived: DerivedUid, files: number, scope: string): string {
  const from = derived.from.length
    ? `from ${derived.from.join(', ')}`
    : `from no identifying attribute (all empty): every such file is taken as one ${scope}`;
  return `${keyword} ${tag} missing in ${files} file(s) of this ${scope}: derived ${derived.uid} ${from}`;
}

/**
 * Groups header-parsed files by study and series. De-identified research copies may lack StudyInstanceUID,
 * SeriesInstanceUID or FrameOfReferenceUID: image files without them get stable UIDs hashed from their content
 * (derive-uids.ts) and the study or series a warning naming what was derived. Non-image files without a study UID
 * are unreadable, as before. Output is sorted by UID, then path, so every run gives the same index.
 */
export function groupInstances(files: IndexedFile[]): { studies: IndexedStudy[]; unreadable: UnreadableFile[] } {
  const studies = new Map<string, StudyGroup>();
  const unreadable: UnreadableFile[] = [];
  for (const file of files) {
    const { instance, path } = file;
    const invalid = invalidUid(instance);
    if (invalid) {
      unreadable.push({
        path,
        reason: `${invalid} is not a valid DICOM UID (digits and dots, at most 64 characters)`,
        code: 'INVALID_IDENTIFIER',
      });
      continue;
    }
    const image = isImage(instance);
    if (!instance.studyInstanceUid && !image) {
      unreadable.push({
        path,
        reason: 'DICOM file without StudyInstanceUID (0020,000D) that is not an image: not part of a study',
        code: 'MISSING_TAG',
      });
      continue;
    }
    const derivedStudy = instance.studyInstanceUid ? undefined : deriveStudyUid(instance);
    const studyUid = instance.studyInstanceUid ?? derivedStudy!.uid;
    let entry = studies.get(studyUid);
    if (!entry) {
      const study: IndexedStudy = {
        studyInstanceUid: studyUid,
        patientId: instance.patientId ?? null,
        studyDate: instance.studyDate ?? null,
        series: [],
        unreadable: [],
        warnings: [],
      };
      entry = { study, series: new Map(), derived: derivedStudy, derivedFiles: 0 };
      studies.set(studyUid, entry);
    }
    if (derivedStudy) entry.derivedFiles++;
    if (!instance.seriesInstanceUid && !image) {
      entry.study.unreadable.push({ path, reason: 'No SeriesInstanceUID (0020,000E)', code: 'MISSING_TAG' });
      continue;
    }
    const derivedSeries = instance.seriesInstanceUid ? undefined : deriveSeriesUid(studyUid, instance);
    const seriesUid = instance.seriesInstanceUid ?? derivedSeries!.uid;
    const group = entry.series.get(seriesUid) ?? { files: [], derived: derivedSeries };
    group.files.push(file);
    entry.series.set(seriesUid, group);
  }
  const result: IndexedStudy[] = [];
  for (const uid of [...studies.keys()].sort()) {
    const { study, series, derived, derivedFiles } = studies.get(uid)!;
    if (derived) {
      study.warnings.push(describeDerived('StudyInstanceUID', '(0020,000D)', derived, derivedFiles, 'study'));
    }
    study.series = [...series.keys()].sort().map((seriesUid) => summarize(seriesUid, series.get(seriesUid)!));
    result.push(study);
  }
  return { studies: result, unreadable };
}

function summarize(seriesUid: string, group: SeriesGroup) {
  const summary = summarizeSeries(seriesUid, group.files);
  const count = group.files.length;
  if (group.derived) {
    summary.warnings.push(describeDerived('SeriesInstanceUID', '(0020,000E)', group.derived, count, 'series'));
  }
  // Identifiers cleaned of control characters while parsing (parse/read-clean-string.ts): say so once per series.
  const cleaned = new Set(
    group.files.flatMap((f) => f.instance.warnings.filter((w) => w.includes('control character'))),
  );
  summary.warnings.push(...cleaned);
  const withoutFrame = group.files.filter((f) => !f.instance.frameOfReferenceUid).length;
  if (withoutFrame > 0 && summary.frameOfReferenceUid === null) {
    const frame = deriveFrameOfReferenceUid(seriesUid);
    summary.frameOfReferenceUid = frame.uid;
    summary.warnings.push(
      `FrameOfReferenceUID (0020,0052) missing in ${withoutFrame} file(s): derived ${frame.uid} from the ` +
        'SeriesInstanceUID (the slices are taken to share one patient coordinate system)',
    );
  }
  return summary;
}
