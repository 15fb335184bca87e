import { syntheticSlice } from '../__tests__/synthetic';
import { describeTransferSyntax } from '../parse/transfer-syntaxes';
import { decodeFrame } from './decode-frame';
import { nativeFrameWords, storedValues } from './native-frame-words';

describe('nativeFrameWords (native 16-bit frames read in place)', () => {
  const values = [-1024, 0, 40, 3071, -2000, 1];

  it('gives the same stored values as decodeFrame, viewing the bytes without a copy', () => {
    const slice = syntheticSlice({ rows: 2, columns: 3, values });
    const words = nativeFrameWords(slice, 0)!;
    expect(words.words.buffer).toBe(slice.pixelData!.bytes.buffer);
    expect(Array.from(storedValues(words))).toEqual(Array.from(decodeFrame(slice, 0)));
  });

  it('copies a frame that starts at an odd byte, from a Buffer too (whose slice() is a view)', () => {
    const even = syntheticSlice({ rows: 2, columns: 3, values });
    const bytes = Buffer.concat([Buffer.from([0x55]), Buffer.from(even.pixelData!.bytes)]);
    const odd = { ...even, pixelData: { ...even.pixelData!, bytes, offset: 1 } };
    expect(Array.from(storedValues(nativeFrameWords(odd, 0)!))).toEqual(values);
  });

  it('reads big endian words as they lie, marked byte-swapped, with the stored values decodeFrame gives', () => {
    const little = syntheticSlice({ rows: 2, columns: 3, values });
    const bytes = Buffer.from(little.pixelData!.bytes).swap16();
    const big = {
      ...little,
      transferSyntaxUid: '1.2.840.10008.1.2.2',
      transferSyntax: describeTransferSyntax('1.2.840.10008.1.2.2'),
      pixelData: { ...little.pixelData!, bytes },
    };
    const words = nativeFrameWords(big, 0)!;
    expect(words.byteSwapped).toBe(true);
    expect(Array.from(storedValues(words))).toEqual(Array.from(decodeFrame(big, 0)));
    expect(Array.from(storedValues(words))).toEqual(values);
  });

  it('leaves everything else to decodeFrame: 8 bits, a missing or truncated frame', () => {
    const slice = syntheticSlice({ rows: 2, columns: 3, values });
    expect(nativeFrameWords({ ...slice, bitsAllocated: 8 }, 0)).toBeUndefined();
    expect(nativeFrameWords(slice, 1)).toBeUndefined();
    expect(nativeFrameWords({ ...slice, pixelData: { ...slice.pixelData!, length: 10 } }, 0)).toBeUndefined();
  });
});
