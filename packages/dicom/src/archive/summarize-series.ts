import type { DicomInstance } from '../parse/dicom-instance';
import { dot, orientationAxes } from '../volume/geometry';
import type { SeriesSummary } from './types';

/** Direction cosines that differ by more than this are different orientations. */
const ORIENTATION_TOLERANCE = 1e-3;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The header fields a series summary reads. A parsed DicomInstance has them all; the DICOMweb source builds them
 * from DICOM JSON (QIDO-RS and WADO-RS metadata).
 */
export type SummaryFields = Pick<
  DicomInstance,
  | 'modality'
  | 'seriesDescription'
  | 'seriesNumber'
  | 'imageType'
  | 'sopClassUid'
  | 'transferSyntaxUid'
  | 'rows'
  | 'columns'
  | 'pixelSpacing'
  | 'sliceThickness'
  | 'convolutionKernel'
  | 'contrastBolusAgent'
  | 'kvp'
  | 'manufacturer'
  | 'bodyPartExamined'
  | 'gantryDetectorTilt'
  | 'cardiacGating'
  | 'frameOfReferenceUid'
  | 'imageOrientationPatient'
  | 'imagePositionPatient'
  | 'numberOfFrames'
  | 'frames'
  | 'truncatedPixelData'
>;

/**
 * Summarises the headers of one series' files (paths and instances in the same order). An empty
 * transferSyntaxUid (unknown before the file is fetched) is left out of `transferSyntaxUids`.
 */
export function summarizeSeries(
  seriesInstanceUid: string,
  members: { path: string; instance: SummaryFields }[],
): SeriesSummary {
  const sorted = [...members].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const first = sorted[0].instance;
  const iop = first.imageOrientationPatient ?? first.frames?.[0]?.imageOrientationPatient ?? null;
  let orientationConsistent = iop !== null;
  const positions: number[] = [];
  let slicesWithoutPosition = 0;
  const normal = iop ? orientationAxes(iop).normal : undefined;
  for (const { instance } of sorted) {
    const frames = instance.frames ?? [instance];
    for (const frame of frames) {
      const o = frame.imageOrientationPatient ?? instance.imageOrientationPatient;
      if (!o || !iop || o.some((v, i) => Math.abs(v - iop[i]) > ORIENTATION_TOLERANCE)) orientationConsistent = false;
      const p = frame.imagePositionPatient ?? instance.imagePositionPatient;
      if (!p) slicesWithoutPosition++;
      if (p && normal) positions.push(dot(p, normal));
    }
  }
  const zRangeMm = positions.length > 1 ? Math.max(...positions) - Math.min(...positions) : 0;
  const thicknesses = sorted
    .map((m) => m.instance.sliceThickness ?? m.instance.frames?.[0]?.sliceThickness)
    .filter((t): t is number => t !== undefined && t > 0);
  const cut = sorted.filter((m) => m.instance.truncatedPixelData !== undefined);
  const warnings = cut.length
    ? [
        `${cut.length} file(s) cut off inside the pixel data, e.g. ${cut[0].path}: ${cut[0].instance.truncatedPixelData}`,
      ]
    : [];
  return {
    seriesInstanceUid,
    modality: first.modality ?? null,
    seriesDescription: first.seriesDescription ?? null,
    seriesNumber: first.seriesNumber ?? null,
    files: sorted.map((m) => m.path),
    sliceCount: sorted.reduce((n, m) => n + m.instance.numberOfFrames, 0),
    imageType: first.imageType,
    sopClassUid: first.sopClassUid ?? null,
    transferSyntaxUids: [...new Set(sorted.map((m) => m.instance.transferSyntaxUid).filter((uid) => uid !== ''))],
    rows: first.rows ?? null,
    columns: first.columns ?? null,
    pixelSpacing: first.pixelSpacing ?? null,
    sliceThicknessMm: median(thicknesses),
    convolutionKernel: first.convolutionKernel ?? null,
    contrastBolusAgent: sorted.map((m) => m.instance.contrastBolusAgent).find((a) => a !== undefined) ?? null,
    kvp: first.kvp ?? null,
    manufacturer: first.manufacturer ?? null,
    bodyPartExamined: first.bodyPartExamined ?? null,
    gantryDetectorTilt: first.gantryDetectorTilt ?? null,
    cardiacGating: sorted.map((m) => m.instance.cardiacGating).find((g) => g !== undefined) ?? null,
    frameOfReferenceUid: first.frameOfReferenceUid ?? null,
    imageOrientationPatient: iop,
    orientationConsistent,
    zRangeMm,
    slicesWithoutPosition,
    warnings,
  };
}
