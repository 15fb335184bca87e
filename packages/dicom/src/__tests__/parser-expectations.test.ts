import { readFileSync } from 'fs';
import { DicomError, type DicomErrorCode } from '../errors';
import { decodeFrame } from '../decode';
import { parseDicom } from '../parse';
import { fingerprint } from './fingerprint';
import { readCsv } from './read-csv';
import { hasSharedData, sharedPath } from './shared-data';

/**
 * Every row of shared/data/oracles/parser_expectations.csv: decoded stored values must match the reference
 * fingerprint (min, max, sum, md5 of int64 LE), or the file must fail with a typed DicomError.
 */

interface Row {
  file: string;
  transfer_syntax: string;
  stored_min: string;
  stored_max: string;
  stored_sum: string;
  md5_stored_values_int64le: string;
  pixel_error: string;
}

/** Where this package deliberately answers with an error although the oracle has pixels, and why. */
function deliberateError(row: Row): DicomErrorCode | undefined {
  // GDCM zero-fills the pixels missing from a truncated file; we refuse to invent pixels.
  if (row.file.endsWith('/MR_truncated.dcm')) return 'TRUNCATED';
  return undefined;
}

/**
 * Files the oracle's tools could not decode but this package can: the same image in another encoding must give the
 * same fingerprint, so the decode is checked against an independent reference rather than accepted blindly.
 */
const SAME_IMAGE_AS: Record<string, string> = {
  // Only the trailing sequence delimiter is missing; every fragment is complete (a warning is recorded).
  'public/pydicom__pydicom-data/data_store/data/emri_small_jpeg_2k_lossless_too_short.dcm':
    'public/pydicom__pydicom-data/data_store/data/emri_small_jpeg_2k_lossless.dcm',
  // Several fragments per frame and no offset table: frames are found by their JPEG-LS SOI markers.
  'public/cornerstonejs__dicomParser/testImages/encapsulated/multi-frame/CT0012.fragmented_no_bot_jpeg_ls.80.dcm':
    'public/cornerstonejs__dicomParser/testImages/encapsulated/multi-frame/CT0012.not_fragmented_bot_jpeg_ls.80.dcm',
};

type Outcome = { ok: true; frames: ArrayLike<number>[] } | { ok: false; error: unknown };

function decodeAll(path: string): Outcome {
  try {
    const instance = parseDicom(readFileSync(path));
    const frames: ArrayLike<number>[] = [];
    for (let f = 0; f < instance.numberOfFrames; f++) frames.push(decodeFrame(instance, f));
    return { ok: true, frames };
  } catch (error) {
    return { ok: false, error };
  }
}

const rows: Row[] = hasSharedData
  ? (readCsv(readFileSync(sharedPath('oracles/parser_expectations.csv'), 'utf8')) as unknown as Row[])
  : [];
const results: { syntax: string; pass: boolean }[] = [];

(hasSharedData ? describe : describe.skip)('parser_expectations.csv (shared data)', () => {
  if (!hasSharedData) {
    it.skip('skipped: /work/shared/data not present (set CACSCREEN_SHARED_DATA)', () => undefined);
  }

  afterAll(() => {
    const bySyntax = new Map<string, { pass: number; fail: number }>();
    for (const r of results) {
      const entry = bySyntax.get(r.syntax) ?? { pass: 0, fail: 0 };
      if (r.pass) entry.pass++;
      else entry.fail++;
      bySyntax.set(r.syntax, entry);
    }
    const lines = [...bySyntax].map(
      ([s, c]) => `${String(c.pass).padStart(3)} pass ${String(c.fail).padStart(3)} fail  ${s}`,
    );
    console.log(`parser_expectations by transfer syntax:\n${lines.join('\n')}`);
  });

  it.each(rows.map((r) => [r.file, r] as const))('%s', (_file, original) => {
    const outcome = decodeAll(sharedPath(original.file));
    const sameAs = SAME_IMAGE_AS[original.file];
    const row = sameAs ? { ...original, ...rows.find((r) => r.file === sameAs), file: original.file } : original;
    const record = (pass: boolean): void => void results.push({ syntax: row.transfer_syntax, pass });
    const expectedError = deliberateError(row);
    const expectsPixels = row.md5_stored_values_int64le !== '' && expectedError === undefined;
    const maybeFails = row.pixel_error.startsWith('EXPECTED-FAIL?');
    try {
      if (expectsPixels) {
        if (!outcome.ok) throw outcome.error;
        const fp = fingerprint(outcome.frames);
        expect({ min: fp.min, max: fp.max, sum: fp.sum, md5: fp.md5 }).toEqual({
          min: BigInt(row.stored_min),
          max: BigInt(row.stored_max),
          sum: BigInt(row.stored_sum),
          md5: row.md5_stored_values_int64le,
        });
      } else if (!outcome.ok) {
        expect(outcome.error).toBeInstanceOf(DicomError);
        if (expectedError) expect((outcome.error as DicomError).code).toBe(expectedError);
        expect((outcome.error as DicomError).message.length).toBeGreaterThan(10);
      } else if (!maybeFails) {
        throw new Error(`expected a typed error, but ${outcome.frames.length} frame(s) decoded`);
      }
      record(true);
    } catch (error) {
      record(false);
      throw error;
    }
  });
});
