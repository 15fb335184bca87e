export type { HeartFrame } from './heart-frame';
export { locateHeart, type HeartLocation, type HeartNotFound, type HeartSearch } from './locate-heart';
export { heartSurfaceDistance, type SurfaceDistance } from './heart-surface';
export { renderHeartOverlay } from './render-heart-overlay';
export { coarseGrid, type CoarseGrid } from './coarse-grid';
export { fitHeartFrame, TYPICAL_LONG_AXIS } from './ellipsoid-fit';
