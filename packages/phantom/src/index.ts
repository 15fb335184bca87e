export { generateThorax, blurKernel } from './thorax';
export type { GroundTruthLesion, HardNegativeFeature, PhantomLandmarks, PhantomStudy } from './thorax';
export type { HardNegativeKind } from './hard-negatives';
export { DEFAULT_PHANTOM_SETTINGS, PhantomSettingsError, resolvePhantomSettings, BURDEN_CATEGORIES } from './settings';
export type { BurdenCategory, CalciumBurden, PhantomSettings, PixelEncoding, ReconstructionKernel } from './settings';
export type { CalciumKind } from './calcium';
export { TISSUE_HU } from './render';
export { referenceAgatston, densityWeight } from './reference-agatston';
export { Rng, mixSeeds } from './random';
export { writeStudyDicom, studyUids } from './study-dicom';
export type { PhantomPatient, SeriesVariant, WriteStudyOptions, WrittenStudy } from './study-dicom';
export { DicomEncodeError } from './dicom-writer';
export { generateArchive, trueAgatston, burdenBinOf } from './archive';
export type {
  ArchiveOptions,
  ArchiveResult,
  GroundTruthAgatston,
  GroundTruthFile,
  GroundTruthStudy,
  PhantomRiskFactors,
  RiskRace,
} from './archive';
export { sampleAcquisition, EVALUATION_SEED_BASE, CALIBRATION_SEED_BASE } from './acquisition';
export { coronaryTree } from './coronary-anatomy/coronary-tree';
export type { CoronaryPolyline, CoronaryTree, CoronaryTreeOptions } from './coronary-anatomy/coronary-tree';
export { DODGE_SEGMENTS, DOMINANCES } from './coronary-anatomy/dodge-coordinates';
export type { DodgePoint, DodgeSd, DodgeSegment, Dominance } from './coronary-anatomy/dodge-coordinates';
export { DODGE_REFERENCE_RADII_MM } from './coronary-anatomy/dodge-frame';
export { insertHybridLesions } from './hybrid/insert-lesions';
export type { HybridCase, HybridLesion, HybridOptions } from './hybrid/insert-lesions';
export type { HybridBurden } from './hybrid/lesion-plan';
export * from './hostile/index';
export { patientToVoxel } from './hybrid/render-lesion';
export { GroundTruthFileError, readGroundTruth } from './read-ground-truth';
