export type { Roi, SphereRoi, BoxRoi, Vec3 } from './roi';
export { roiSchema, roiFileSchema, sphereRoiSchema, boxRoiSchema, parseRois, parseRoiFile } from './roi-schema';
export { scoreRois, type RoiScore } from './score-rois';
export { roiMeanHu } from './roi-statistics';
