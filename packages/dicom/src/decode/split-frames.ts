import type { PixelDataLocation } from '../parse/dicom-instance';
import { DecodeFailedError, TruncatedError } from '../errors';

/** First bytes that open a frame: JPEG SOI (also JPEG-LS), a JPEG 2000 codestream SOC+SIZ, or a JP2 signature box. */
const FRAME_SIGNATURES: readonly number[][] = [
  [0xff, 0xd8],
  [0xff, 0x4f, 0xff, 0x51],
  [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20],
];
/** An RLE frame header starts with its segment count (1..15) and the first segment offset, always 64. */
const RLE_FIRST_SEGMENT_OFFSET = 64;
const RLE_MAX_SEGMENTS = 15;

function startsWith(bytes: Uint8Array, at: number, signature: readonly number[]): boolean {
  if (at + signature.length > bytes.length) return false;
  return signature.every((b, i) => bytes[at + i] === b);
}

function opensFrame(bytes: Uint8Array, at: number, rle: boolean): boolean {
  if (rle) {
    if (at + 8 > bytes.length) return false;
    const view = new DataView(bytes.buffer, bytes.byteOffset + at, 8);
    const segments = view.getUint32(0, true);
    return segments >= 1 && segments <= RLE_MAX_SEGMENTS && view.getUint32(4, true) === RLE_FIRST_SEGMENT_OFFSET;
  }
  return FRAME_SIGNATURES.some((sig) => startsWith(bytes, at, sig));
}

type Fragment = PixelDataLocation['fragments'][number];

/**
 * Groups fragments into frames. In order of trust: the Basic Offset Table; one frame takes every fragment; one
 * fragment per frame; else frames start at fragments that open with a codec signature (needed for multi-frame data
 * split into several fragments per frame without an offset table, which PS3.5 A.4 allows).
 */
function groupFragments(pixelData: PixelDataLocation, numberOfFrames: number, rle: boolean): Fragment[][] {
  const { fragments, basicOffsetTable } = pixelData;
  if (basicOffsetTable.length === numberOfFrames && numberOfFrames > 0) {
    return basicOffsetTable.map((start, i) => {
      const end = i + 1 < basicOffsetTable.length ? basicOffsetTable[i + 1] : Infinity;
      return fragments.filter((f) => f.offset >= start && f.offset < end);
    });
  }
  if (numberOfFrames === 1) return [fragments];
  if (fragments.length === numberOfFrames) return fragments.map((f) => [f]);
  const frames: Fragment[][] = [];
  for (const fragment of fragments) {
    if (frames.length === 0 || opensFrame(pixelData.bytes, fragment.position, rle)) frames.push([fragment]);
    else frames[frames.length - 1].push(fragment);
  }
  if (frames.length !== numberOfFrames) {
    throw new DecodeFailedError(
      `Cannot tell where frames start: ${fragments.length} fragments, no usable Basic Offset Table, ` +
        `${frames.length} frame starts found for ${numberOfFrames} frames`,
    );
  }
  return frames;
}

/** The compressed bytes of one frame, fragments concatenated (a view when the frame is a single fragment). */
export function encapsulatedFrame(
  pixelData: PixelDataLocation,
  frameIndex: number,
  numberOfFrames: number,
  rle: boolean,
): Uint8Array {
  if (pixelData.fragments.length === 0) throw new DecodeFailedError('Encapsulated pixel data holds no fragments');
  const frame = groupFragments(pixelData, numberOfFrames, rle)[frameIndex];
  if (!frame || frame.length === 0) throw new DecodeFailedError(`Frame ${frameIndex} has no fragments`);
  const { bytes } = pixelData;
  for (const f of frame) {
    if (f.truncated || f.position + f.length > bytes.length) {
      throw new TruncatedError(`Pixel data fragment of frame ${frameIndex} runs past the end of the file`);
    }
  }
  if (frame.length === 1) return bytes.subarray(frame[0].position, frame[0].position + frame[0].length);
  const out = new Uint8Array(frame.reduce((n, f) => n + f.length, 0));
  let at = 0;
  for (const f of frame) {
    out.set(bytes.subarray(f.position, f.position + f.length), at);
    at += f.length;
  }
  return out;
}
