import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { deflateRawSync } from 'zlib';
import { DicomError, LimitExceededError, TruncatedError } from '../errors';
import { DEFAULT_LIMITS, limitsFromEnv } from '../limits';
import { part10, writeSeries } from '../__tests__/write-dicom';
import { parseDicom } from './parse-dicom';

const NUMBER_OF_FRAMES = 0x00280008;
const ROWS = 0x00280010;
const COLUMNS = 0x00280011;

/** One 8×8 slice with the given attributes replaced. */
function slice(extra: Parameters<typeof writeSeries>[0]['extra']): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'bounds-'));
  return readFileSync(writeSeries({ dir, slices: 1, extra })[0]);
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof DicomError ? `${error.code}: ${error.message}` : `not a DicomError: ${String(error)}`;
  }
  return undefined;
}

describe('sizes a header announces are checked before anything is allocated', () => {
  it('refuses Rows = Columns = 65,535 with 128 bytes of pixel data as LIMIT_EXCEEDED, naming the limit', () => {
    const bytes = slice([
      [ROWS, 'US', 65535],
      [COLUMNS, 'US', 65535],
    ]);
    expect(codeOf(() => parseDicom(bytes))).toBe(
      'LIMIT_EXCEEDED: Rows 65535 exceeds the limit of 2048 (CACSCREEN_MAX_ROWS)',
    );
    expect(codeOf(() => parseDicom(bytes, { headersOnly: true }))).toMatch(/^LIMIT_EXCEEDED: Rows 65535/);
  });

  it('refuses NumberOfFrames 2,147,483,647 in a few milliseconds, headers only or not', () => {
    const bytes = slice([[NUMBER_OF_FRAMES, 'IS', 2147483647]]);
    const started = performance.now();
    expect(() => parseDicom(bytes)).toThrow(LimitExceededError);
    expect(codeOf(() => parseDicom(bytes, { headersOnly: true }))).toBe(
      'LIMIT_EXCEEDED: NumberOfFrames 2147483647 exceeds the limit of 4000 frames (CACSCREEN_MAX_FRAMES)',
    );
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('refuses frames the file cannot hold: 3,000 frames of 8×8×16 bits need 384,000 bytes, the file has 128', () => {
    const bytes = slice([[NUMBER_OF_FRAMES, 'IS', 3000]]);
    expect(() => parseDicom(bytes)).toThrow(TruncatedError);
    // 8 × 8 × 2 bytes × 3000 = 384,000 (worked by hand); the pixel element holds one 128-byte frame.
    expect(codeOf(() => parseDicom(bytes))).toBe(
      'TRUNCATED: 3000 frame(s) of 8×8 at 16 bits need 384000 bytes of pixel data; the file holds 128',
    );
  });

  it('checks a header probe against the real file length, not the probe length', () => {
    const bytes = slice([[NUMBER_OF_FRAMES, 'IS', 2]]);
    // The two frames (256 bytes) would not fit in the 128 bytes present, but the caller says the file is longer.
    expect(() => parseDicom(bytes, { headersOnly: true })).toThrow(TruncatedError);
    expect(parseDicom(bytes, { headersOnly: true, fileLength: bytes.length + 128 }).numberOfFrames).toBe(2);
  });

  it('takes lower limits from the options', () => {
    expect(codeOf(() => parseDicom(slice([]), { limits: { maxRows: 4 } }))).toBe(
      'LIMIT_EXCEEDED: Rows 8 exceeds the limit of 4 (CACSCREEN_MAX_ROWS)',
    );
  });
});

describe('a deflated data set inflates with a cap', () => {
  const DEFLATED = '1.2.840.10008.1.2.1.99';
  /** A deflated file whose data set holds `padding` zero bytes in a private OB element: a deflate bomb. */
  function bomb(padding: number): Buffer {
    const elements = [
      { tag: 0x00080018, vr: 'UI' as const, value: '1.2.3.4' },
      { tag: 0x00091010, vr: 'OB' as const, value: new Uint8Array(padding) },
    ];
    return part10(elements, '1.2.3.4', DEFLATED, (body) => deflateRawSync(body));
  }

  it('inflates a small one', () => {
    expect(parseDicom(bomb(1024)).sopInstanceUid).toBe('1.2.3.4');
  });

  it('stops at maxInflatedBytes with LIMIT_EXCEEDED', () => {
    const file = bomb(8 * 1024 * 1024);
    expect(file.length).toBeLessThan(64 * 1024); // 8 MiB of zeros deflate to about 8 KiB
    expect(codeOf(() => parseDicom(file, { limits: { maxInflatedBytes: 1024 * 1024 } }))).toBe(
      'LIMIT_EXCEEDED: Deflated data set inflates past the limit of 1048576 bytes (CACSCREEN_MAX_INFLATED_MIB)',
    );
  });
});

describe('limitsFromEnv', () => {
  it('reads sizes in MiB and counts as integers, and refuses nonsense', () => {
    const limits = limitsFromEnv({ CACSCREEN_MAX_FRAMES: '100', CACSCREEN_MAX_FILE_MIB: '3' });
    expect(limits.maxFramesPerSeries).toBe(100);
    expect(limits.maxFileBytes).toBe(3 * 1024 * 1024);
    expect(limits.maxRows).toBe(DEFAULT_LIMITS.maxRows);
    expect(() => limitsFromEnv({ CACSCREEN_MAX_ROWS: '-1' })).toThrow(/CACSCREEN_MAX_ROWS must be a positive integer/);
  });
});
