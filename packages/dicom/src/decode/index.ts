export { decodeFrame } from './decode-frame';
export type { PixelArray, PixelFormat } from './pixel-format';
