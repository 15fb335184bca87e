// Key images as the inference worker leaves them: rendered by @cacscreen/scoring from a small synthetic slab and
// stored with the worker's store.
import type { Volume } from '@cacscreen/dicom';
import { Db, saveKeyImages } from '@cacscreen/db';
import { CalciumLabel, computeAgatston, KeyImage, renderKeyImages } from '@cacscreen/scoring';

/** Two lesions on two slices: LAD (rank 1, 9 mm² at 400 HU) and RCA (rank 2, 4 mm² at 300 HU); 120 × 100 pixels. */
export function syntheticKeyImages(): KeyImage[] {
  const [cols, rows, slices] = [120, 100, 4];
  const hu = new Int16Array(cols * rows * slices).fill(40);
  const labels = new Uint8Array(hu.length);
  const box = (x0: number, y0: number, size: number, z: number, value: number, label: CalciumLabel) => {
    for (let y = y0; y < y0 + size; y++) {
      for (let x = x0; x < x0 + size; x++) {
        hu[x + y * cols + z * cols * rows] = value;
        labels[x + y * cols + z * cols * rows] = label;
      }
    }
  };
  box(50, 40, 6, 1, 400, CalciumLabel.LAD);
  box(30, 60, 4, 2, 300, CalciumLabel.RCA);
  const volume: Volume = {
    hu,
    dims: [cols, rows, slices],
    spacingMm: [0.5, 0.5, 3],
    sliceThicknessMm: 3,
    originMm: [0, 0, -50],
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
    sliceDirection: [0, 0, 1],
  };
  return renderKeyImages(volume, labels, computeAgatston(volume, labels));
}

/** Stores the synthetic key images for a study as screened by `modelVersion` (the seed's results use 'test-1'). */
export async function seedKeyImages(db: Db, studyId: string, modelVersion = 'test-1'): Promise<KeyImage[]> {
  const images = syntheticKeyImages();
  await saveKeyImages(db, { studyId, modelVersion }, images);
  return images;
}
