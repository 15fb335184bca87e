import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { buildVolume, decodeFrame, DicomError, parseDicom } from './index';

// Replays the inputs the coverage-guided fuzzer kept (scripts/fuzz-dicom.ts): every one must end in a value or a
// typed DicomError, never in anything else. regressions/ holds inputs that once crashed the reader.
const FUZZ = join(__dirname, '..', '..', '..', 'test', 'fuzz');
const inputs = ['corpus', 'regressions'].flatMap((folder) => {
  const dir = join(FUZZ, folder);
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name.endsWith('.dcm'))
        .map((name) => `${folder}/${name}`)
    : [];
});

/** What a series read does to one file: the header pass, the full parse, two frames decoded, a one-slice volume. */
function readLikeASeries(bytes: Uint8Array): string {
  try {
    parseDicom(bytes, { headersOnly: true });
    const instance = parseDicom(bytes);
    for (let frame = 0; frame < Math.min(instance.numberOfFrames, 2); frame++) decodeFrame(instance, frame);
    buildVolume([instance]);
    return 'accepted';
  } catch (error) {
    if (error instanceof DicomError) return error.code;
    throw error;
  }
}

describe('fuzzer corpus replay', () => {
  it('has a committed corpus and the regressions', () => {
    expect(inputs.filter((i) => i.startsWith('corpus/')).length).toBeGreaterThan(50);
    expect(inputs.some((i) => i.startsWith('regressions/'))).toBe(true);
  });

  it('reads every input to a value or a typed DicomError', () => {
    const outcomes = new Map<string, number>();
    for (const input of inputs) {
      const outcome = readLikeASeries(readFileSync(join(FUZZ, input)));
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    // The corpus reaches both ends: inputs that read cleanly and several kinds of rejection.
    expect(outcomes.get('accepted')).toBeGreaterThan(0);
    expect(outcomes.size).toBeGreaterThan(4);
  });

  it.each([
    ['value-past-end-of-buffer.dcm', 'TRUNCATED'],
    ['jpeg-ends-inside-a-marker.dcm', 'DECODE_FAILED'],
  ])('rejects the regression %s as %s', (name, code) => {
    expect(readLikeASeries(readFileSync(join(FUZZ, 'regressions', name)))).toBe(code);
  });
});
