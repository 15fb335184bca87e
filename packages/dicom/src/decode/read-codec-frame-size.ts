/** The image size a compressed frame declares in its own header, read before the codec allocates anything. */
export interface CodecFrameSize {
  width: number;
  height: number;
  components: number;
}

const MARKER = 0xff;
const SOI = 0xd8;
/** Start-of-frame markers (ITU T.81 B.1.1.3): C0–CF except DHT (C4), JPG (C8) and DAC (CC); F7 is JPEG-LS SOF55. */
const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf, 0xf7]);
/** Markers without a length field: TEM, RSTn, SOI, EOI. */
const STANDALONE = (m: number) => m === 0x01 || (m >= 0xd0 && m <= 0xd9);
/** JPEG 2000 codestream: SOC (FF4F) then SIZ (FF51). A JP2 file wraps it in boxes; look this far for it. */
const SOC_SIZ = [0xff, 0x4f, 0xff, 0x51];
const JP2_SEARCH_BYTES = 4096;
/** After SOC+SIZ: Lsiz Rsiz (2 each), Xsiz Ysiz XOsiz YOsiz XTsiz YTsiz XTOsiz YTOsiz (4 each), Csiz (2). */
const SIZ_END = 4 + 2 + 2 + 8 * 4 + 2;

const u16 = (b: Uint8Array, at: number) => (b[at] << 8) | b[at + 1];
const u32 = (b: Uint8Array, at: number) => b[at] * 2 ** 24 + ((b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]);

/** JPEG (all processes) and JPEG-LS: walk the marker segments to the first SOFn. */
function jpegFrameSize(b: Uint8Array): CodecFrameSize | undefined {
  if (b.length < 4 || b[0] !== MARKER || b[1] !== SOI) return undefined;
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== MARKER) return undefined;
    const marker = b[at + 1];
    if (marker === MARKER) {
      at++; // fill byte
      continue;
    }
    if (STANDALONE(marker)) {
      at += 2;
      continue;
    }
    if (SOF_MARKERS.has(marker)) {
      if (at + 10 > b.length) return undefined;
      return { height: u16(b, at + 5), width: u16(b, at + 7), components: b[at + 9] };
    }
    at += 2 + u16(b, at + 2);
  }
  return undefined;
}

/** JPEG 2000: the SIZ segment's reference grid less its image offset (ISO 15444-1 A.5.1). */
function j2kFrameSize(b: Uint8Array): CodecFrameSize | undefined {
  const limit = Math.min(b.length - SIZ_END, JP2_SEARCH_BYTES);
  for (let at = 0; at <= limit; at++) {
    if (SOC_SIZ.every((v, i) => b[at + i] === v)) {
      const siz = at + SOC_SIZ.length;
      return {
        width: u32(b, siz + 4) - u32(b, siz + 12),
        height: u32(b, siz + 8) - u32(b, siz + 16),
        components: u16(b, siz + 36),
      };
    }
  }
  return undefined;
}

/** The frame size a JPEG, JPEG-LS or JPEG 2000 frame declares; undefined when its header cannot be found. */
export function readCodecFrameSize(frame: Uint8Array): CodecFrameSize | undefined {
  return jpegFrameSize(frame) ?? j2kFrameSize(frame);
}
