export * from './labels';
export * from './agatston';
export type { Lesion } from './lesions';
export * from './calibration';
export * from './rois';
export * from './pipeline';
export * from './labelling';
export * from './key-images';
export * from './cnn';
