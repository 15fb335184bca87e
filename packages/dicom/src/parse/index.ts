export type {
  DicomInstance,
  FrameGeometry,
  ModalityLut,
  ParseOptions,
  PixelDataLocation,
  Vec3,
} from './dicom-instance';
export { parseDicom } from './parse-dicom';
export { TRANSFER_SYNTAX, describeTransferSyntax, isKnownTransferSyntax } from './transfer-syntaxes';
export type { PixelCodec, TransferSyntaxInfo } from './transfer-syntaxes';
