import { DecodeFailedError } from '../errors';
import type { WasmCodec, WasmDecoder } from './load-wasm-codec';
import { type PixelArray, type PixelFormat, allocatePixels, applyBitsStored, samplesPerFrame } from './pixel-format';

const BYTE_BITS = 8;

/**
 * Runs a cornerstone WASM decoder on one frame and copies the result out of WASM memory into the frame's stored
 * value type. The codestream's own sample width wins over BitsAllocated (a 12-bit codestream in 16-bit storage);
 * its signedness is ignored in favour of PixelRepresentation, and BitsStored then masks and sign-extends.
 */
export function decodeWasmFrame<T extends WasmDecoder>(
  codec: WasmCodec<T>,
  name: string,
  data: Uint8Array,
  format: PixelFormat,
): PixelArray {
  let decoded: Uint8Array;
  let info: ReturnType<WasmDecoder['getFrameInfo']>;
  try {
    ({ decoded, info } = codec.withDecoder((decoder) => {
      decoder.getEncodedBuffer(data.length).set(data);
      decoder.decode();
      return { info: decoder.getFrameInfo(), decoded: decoder.getDecodedBuffer().slice() };
    }));
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : `codec error ${String(cause)}`;
    throw new DecodeFailedError(`${name} decoder rejected the frame: ${detail}`, { cause });
  }
  if (info.width !== format.columns || info.height !== format.rows || info.componentCount !== format.samplesPerPixel) {
    throw new DecodeFailedError(
      `${name} frame is ${info.width}x${info.height}x${info.componentCount}; ` +
        `header says ${format.columns}x${format.rows}x${format.samplesPerPixel}`,
    );
  }
  const count = samplesPerFrame(format);
  const bytesPerSample = Math.ceil(info.bitsPerSample / BYTE_BITS);
  if (decoded.length < count * bytesPerSample) {
    throw new DecodeFailedError(`${name} produced ${decoded.length} bytes, ${count * bytesPerSample} expected`);
  }
  const out = allocatePixels(format);
  if (bytesPerSample === 1) {
    for (let i = 0; i < count; i++) out[i] = decoded[i];
  } else {
    const view = new DataView(decoded.buffer, decoded.byteOffset, count * 2);
    for (let i = 0; i < count; i++) out[i] = view.getUint16(2 * i, true);
  }
  return applyBitsStored(out, format);
}
