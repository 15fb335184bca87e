import { decodeFrame } from '../decode/decode-frame';
import { DuplicateInstanceError } from '../errors';
import type { DicomInstance } from '../parse/dicom-instance';

function samePixels(a: DicomInstance, b: DicomInstance): boolean {
  if (a.numberOfFrames !== b.numberOfFrames) return false;
  for (let f = 0; f < a.numberOfFrames; f++) {
    const pa = decodeFrame(a, f);
    const pb = decodeFrame(b, f);
    if (pa.length !== pb.length || pa.some((v, i) => v !== pb[i])) return false;
  }
  return true;
}

/**
 * Files of one series that share a SOPInstanceUID: identical copies are dropped with a warning; copies with
 * different pixels make the series unscorable (which file is right is unknowable, and file-name order must not
 * decide the score). `loadFull` parses a file with its pixels; it is called only for the duplicates.
 */
export function dropDuplicateInstances<S>(
  items: { source: S; instance: DicomInstance }[],
  loadFull: (source: S) => DicomInstance,
): { kept: { source: S; instance: DicomInstance }[]; warnings: string[] } {
  const byUid = new Map<string, S>();
  const kept: { source: S; instance: DicomInstance }[] = [];
  const warnings: string[] = [];
  for (const item of items) {
    const uid = item.instance.sopInstanceUid;
    const first = uid === undefined ? undefined : byUid.get(uid);
    if (uid === undefined || first === undefined) {
      if (uid !== undefined) byUid.set(uid, item.source);
      kept.push(item);
      continue;
    }
    if (!samePixels(loadFull(first), loadFull(item.source))) throw new DuplicateInstanceError(uid);
    warnings.push(`Dropped an identical second copy of instance ${uid}`);
  }
  return { kept, warnings };
}
