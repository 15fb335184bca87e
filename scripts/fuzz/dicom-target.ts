import path from 'path';
import type * as DicomPackage from '@cacscreen/dicom';

/** What one input did: accepted, rejected with a typed DicomError (fine), or crashed with anything else (a bug). */
export type Outcome = ({ kind: 'accepted' } | { kind: 'rejected'; code: string } | { kind: 'crash'; error: Error }) & {
  /** The input's transfer syntax, once its header parsed. */
  transferSyntaxUid?: string;
};

/** Frames decoded per input: enough to reach every codec path, few enough to keep runs fast. */
const MAX_FRAMES = 2;

/**
 * The code under test: the compiled @cacscreen/dicom (dist/, so it can be instrumented; `npm run build` first).
 * Each input goes through what a series read does to one file: the header pass, the full parse, decoding, and a
 * one-slice volume with its plausibility checks.
 */
export function loadTarget(root: string): (input: Uint8Array) => Outcome {
  // A plain require, at run time: the instrumenting hook must see the compiled files load (an import would be hoisted).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dicom = require(path.join(root, 'packages', 'dicom', 'dist', 'index.js')) as typeof DicomPackage;
  return (input) => {
    let transferSyntaxUid: string | undefined;
    try {
      transferSyntaxUid = dicom.parseDicom(input, { headersOnly: true }).transferSyntaxUid;
      const instance = dicom.parseDicom(input);
      for (let frame = 0; frame < Math.min(instance.numberOfFrames, MAX_FRAMES); frame++) {
        dicom.decodeFrame(instance, frame);
      }
      dicom.buildVolume([instance]);
      return { kind: 'accepted', transferSyntaxUid };
    } catch (error) {
      if (error instanceof dicom.DicomError) return { kind: 'rejected', code: error.code, transferSyntaxUid };
      return { kind: 'crash', error: error instanceof Error ? error : new Error(String(error)), transferSyntaxUid };
    }
  };
}
