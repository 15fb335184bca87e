import type { Volume } from '@cacscreen/dicom';
import { InvalidRoiError } from '../agatston/errors';
import type { Roi } from './roi';
import { roiVoxelBox, roiVoxelTest } from './roi-region';

/**
 * Mean HU of every voxel whose centre lies in the region, with no threshold: the reading of a calibration insert
 * for calibrationFactorFromInsert. Keep the region inside the insert so edges do not pull the mean down.
 */
export function roiMeanHu(volume: Volume, roi: Roi): { meanHu: number; voxels: number } {
  const box = roiVoxelBox(volume, roi);
  const inside = roiVoxelTest(volume, roi);
  const [cols, rows] = volume.dims;
  let sum = 0;
  let voxels = 0;
  if (box) {
    for (let z = box.z0; z < box.z1; z++) {
      for (let y = box.y0; y < box.y1; y++) {
        for (let x = box.x0; x < box.x1; x++) {
          const v = x + y * cols + z * cols * rows;
          if (inside(v)) {
            sum += volume.hu[v];
            voxels++;
          }
        }
      }
    }
  }
  if (voxels === 0) throw new InvalidRoiError(`Region '${roi.name}' contains no voxel centre of the volume`);
  return { meanHu: sum / voxels, voxels };
}
