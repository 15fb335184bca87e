import { WasmCodec, type WasmDecoder } from './load-wasm-codec';

/** CharLS (JPEG-LS) and OpenJPEG (JPEG 2000) decoders, loaded on first use. */
export const charls = new WasmCodec<WasmDecoder>(
  '@cornerstonejs/codec-charls/decodewasmjs',
  'charlswasm_decode.wasm',
  'JpegLSDecoder',
);
export const openjpeg = new WasmCodec<WasmDecoder>(
  '@cornerstonejs/codec-openjpeg/decodewasmjs',
  'openjpegwasm_decode.wasm',
  'J2KDecoder',
);
