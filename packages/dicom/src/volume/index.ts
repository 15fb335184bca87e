export { buildVolume } from './build-volume';
export { readSeriesVolume, type ReadSeriesOptions } from './read-series-volume';
export type { BuiltVolume } from './assemble-volume';
export type { BuildVolumeOptions } from './build-volume-options';
export { DEFAULT_BUILD_VOLUME_OPTIONS } from './build-volume-options';
export { AIR_HU } from './hu-mapper';
export { AXIAL_MAX_ANGLE_DEG, angleFromAxialDeg, isAxial } from './geometry';
