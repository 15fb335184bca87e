/** Transfer syntax UIDs (PS3.5 §10 and Annex A) this package recognises. */
export const TRANSFER_SYNTAX = {
  ImplicitVRLittleEndian: '1.2.840.10008.1.2',
  ExplicitVRLittleEndian: '1.2.840.10008.1.2.1',
  DeflatedExplicitVRLittleEndian: '1.2.840.10008.1.2.1.99',
  ExplicitVRBigEndian: '1.2.840.10008.1.2.2',
  JPEGBaseline8Bit: '1.2.840.10008.1.2.4.50',
  JPEGExtended12Bit: '1.2.840.10008.1.2.4.51',
  JPEGLosslessProcess14: '1.2.840.10008.1.2.4.57',
  JPEGLosslessSV1: '1.2.840.10008.1.2.4.70',
  JPEGLSLossless: '1.2.840.10008.1.2.4.80',
  JPEGLSNearLossless: '1.2.840.10008.1.2.4.81',
  JPEG2000Lossless: '1.2.840.10008.1.2.4.90',
  JPEG2000: '1.2.840.10008.1.2.4.91',
  RLELossless: '1.2.840.10008.1.2.5',
  DeflatedImageFrameCompression: '1.2.840.10008.1.2.8.1',
} as const;

export type PixelCodec = 'native' | 'rle' | 'jpeg-lossless' | 'jpeg-ls' | 'jpeg2000' | 'jpeg-lossy' | 'deflate-frame';

export interface TransferSyntaxInfo {
  uid: string;
  explicitVr: boolean;
  littleEndian: boolean;
  /** The whole data set after the file meta is raw-deflated (PS3.5 A.5). */
  deflatedDataSet: boolean;
  /** Pixel data is encapsulated in fragments (PS3.5 A.4). */
  encapsulated: boolean;
  codec: PixelCodec;
}

const ENCAPSULATED_CODECS: Readonly<Record<string, PixelCodec>> = {
  [TRANSFER_SYNTAX.JPEGBaseline8Bit]: 'jpeg-lossy',
  [TRANSFER_SYNTAX.JPEGExtended12Bit]: 'jpeg-lossy',
  [TRANSFER_SYNTAX.JPEGLosslessProcess14]: 'jpeg-lossless',
  [TRANSFER_SYNTAX.JPEGLosslessSV1]: 'jpeg-lossless',
  [TRANSFER_SYNTAX.JPEGLSLossless]: 'jpeg-ls',
  [TRANSFER_SYNTAX.JPEGLSNearLossless]: 'jpeg-ls',
  [TRANSFER_SYNTAX.JPEG2000Lossless]: 'jpeg2000',
  [TRANSFER_SYNTAX.JPEG2000]: 'jpeg2000',
  [TRANSFER_SYNTAX.RLELossless]: 'rle',
  [TRANSFER_SYNTAX.DeflatedImageFrameCompression]: 'deflate-frame',
};

/**
 * Describes how a transfer syntax encodes the data set and the pixels. Unknown UIDs are treated as explicit VR little
 * endian encapsulated data (PS3.5 says every compressed syntax uses that encoding), with codec 'jpeg-lossy' standing in
 * for "cannot decode"; decodeFrame rejects them with UnsupportedTransferSyntaxError.
 */
export function describeTransferSyntax(uid: string): TransferSyntaxInfo {
  const base = { uid, explicitVr: true, littleEndian: true, deflatedDataSet: false, encapsulated: false };
  switch (uid) {
    case TRANSFER_SYNTAX.ImplicitVRLittleEndian:
      return { ...base, explicitVr: false, codec: 'native' };
    case TRANSFER_SYNTAX.ExplicitVRLittleEndian:
      return { ...base, codec: 'native' };
    case TRANSFER_SYNTAX.DeflatedExplicitVRLittleEndian:
      return { ...base, deflatedDataSet: true, codec: 'native' };
    case TRANSFER_SYNTAX.ExplicitVRBigEndian:
      return { ...base, littleEndian: false, codec: 'native' };
    default:
      return { ...base, encapsulated: true, codec: ENCAPSULATED_CODECS[uid] ?? 'jpeg-lossy' };
  }
}

export function isKnownTransferSyntax(uid: string): boolean {
  return (Object.values(TRANSFER_SYNTAX) as string[]).includes(uid);
}
