import type { PixelFormat } from '../decode/pixel-format';
import { storedValues } from '../decode/native-frame-words';
import { type HuMapping, writeHu } from './hu-mapper';
import { HuLookupCache, huLookupTable, writeHuFromWords } from './hu-lookup';

const format = (bitsStored: number, signed: boolean): PixelFormat => ({
  rows: 256,
  columns: 256,
  samplesPerPixel: 1,
  bitsAllocated: 16,
  bitsStored,
  signed,
  planarConfiguration: 0,
});

/** Every 16-bit word once: the table path must equal the per-voxel path for all of them. */
const allWords = new Uint16Array(1 << 16).map((_, i) => i);

describe('HU lookup table (native 16-bit words)', () => {
  const cases: [string, PixelFormat, HuMapping][] = [
    ['unsigned 16, slope 1', format(16, false), { slope: 1, intercept: -1024 }],
    ['unsigned 12 with overlay bits', format(12, false), { slope: 1, intercept: -1024 }],
    ['signed 16', format(16, true), { slope: 1, intercept: 0 }],
    ['signed 12, sign-extended', format(12, true), { slope: 1, intercept: -1000 }],
    ['fractional slope, rounding', format(16, false), { slope: 0.5, intercept: -1024.5 }],
    ['clamping', format(16, false), { slope: 3, intercept: -40000 }],
    ['padding value', format(16, true), { slope: 1, intercept: -1024, paddingValue: -2000 }],
    ['padding range', format(16, false), { slope: 1, intercept: -1024, paddingValue: 0, paddingLimit: 50 }],
  ];
  const bothByteOrders = cases.flatMap(([name, fmt, mapping]) =>
    [false, true].map(
      (byteSwapped) => [`${name}${byteSwapped ? ', big endian' : ''}`, fmt, mapping, byteSwapped] as const,
    ),
  );
  it.each(bothByteOrders)('%s: equals writeHu on the stored values', (_, fmt, mapping, byteSwapped) => {
    const viaTable = new Int16Array(allWords.length);
    writeHuFromWords(allWords, huLookupTable(fmt, mapping, -1024, byteSwapped), viaTable, 0);
    const perVoxel = new Int16Array(allWords.length);
    writeHu(storedValues({ words: allWords, format: fmt, byteSwapped }), mapping, -1024, perVoxel, 0);
    expect(viaTable).toEqual(perVoxel);
  });

  it('copies the words as they are only when every word maps to itself', () => {
    expect(huLookupTable(format(16, true), { slope: 1, intercept: 0 }, -1024).identity).toBe(true);
    expect(huLookupTable(format(16, true), { slope: 1, intercept: 0, paddingValue: -2000 }, -1024).identity).toBe(
      false,
    );
    expect(huLookupTable(format(12, true), { slope: 1, intercept: 0 }, -1024).identity).toBe(false);
    expect(huLookupTable(format(16, false), { slope: 1, intercept: 0 }, -1024).identity).toBe(false);
    expect(huLookupTable(format(16, true), { slope: 1, intercept: 0 }, -1024, true).identity).toBe(false);
  });

  it('keeps one table per format and mapping, and none past its bound or for a Modality LUT', () => {
    const cache = new HuLookupCache(-1024, 2);
    const a = cache.get(format(16, false), { slope: 1, intercept: -1024 });
    expect(cache.get(format(16, false), { slope: 1, intercept: -1024 })).toBe(a);
    expect(cache.get(format(16, false), { slope: 1, intercept: -1000 })).not.toBe(a);
    expect(cache.get(format(16, false), { slope: 1, intercept: -900 })).toBeUndefined();
    const lut = { firstStoredValue: 0, data: [1, 2, 3] } as unknown as HuMapping['lut'];
    expect(new HuLookupCache(-1024).get(format(16, false), { slope: 1, intercept: 0, lut })).toBeUndefined();
  });
});
