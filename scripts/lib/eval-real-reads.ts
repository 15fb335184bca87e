/**
 * Set (d): a labeller's result on a real scan against the adjudicated read (test/real-reference/adjudicated.json).
 * A read lesion counts as found when a voxel labelled coronary lies within FOUND_WITHIN_MM of its brightest point;
 * its predicted artery is the most common coronary label there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { voxelToPatientMm } from '@cacscreen/dicom';
import { CalciumLabel, CORONARY_ARTERIES } from '@cacscreen/scoring';
import type { EvalCase } from './eval-cases';

/** The adjudicated reads and the list of real scans (test/real-reference). */
export const REFERENCE_DIR = join(__dirname, '../../test/real-reference');

const FOUND_WITHIN_MM = 6;

export interface ReadLesion {
  xMm: number;
  yMm: number;
  zMm: number;
  artery: string;
  scorable: boolean;
  /** The slices the lesion was measured on (the point's in-plane position holds on each). */
  slices?: { zMm: number }[];
}

interface ReadSeries {
  id: string;
  verdict: string;
  agatstonReference: number;
  lesions: ReadLesion[];
}

export interface RealScanRow {
  verdict: string;
  referenceAgatston: number;
  lesions: { artery: string; found: Record<string, boolean>; predictedArtery: Record<string, string | null> }[];
}

export function loadReference(): ReadSeries[] {
  const file = join(REFERENCE_DIR, 'adjudicated.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as { series: ReadSeries[] };
  if (!Array.isArray(data.series)) throw new Error(`${file}: no "series" list`);
  return data.series;
}

export function compareWithReads(c: EvalCase, predicted: Record<string, Uint8Array>): RealScanRow {
  const read = loadReference().find((s) => s.id === c.id);
  if (!read) throw new Error(`no adjudicated read for real scan ${c.id}`);
  const v = c.volume;
  const [nx, ny, nz] = v.dims;
  const lesions = read.lesions
    .filter((l) => l.scorable)
    .map((l) => {
      const found: Record<string, boolean> = {};
      const predictedArtery: Record<string, string | null> = {};
      for (const [name, labels] of Object.entries(predicted)) {
        const votes = [0, 0, 0, 0, 0];
        for (let z = 0; z < nz; z++) {
          if (Math.abs(voxelToPatientMm(v, 0, 0, z)[2] - l.zMm) > FOUND_WITHIN_MM + v.spacingMm[2] / 2) continue;
          for (let y = 0; y < ny; y++) {
            for (let x = 0; x < nx; x++) {
              const label = labels[x + y * nx + z * nx * ny];
              if (label < CalciumLabel.LM || label > CalciumLabel.RCA) continue;
              const p = voxelToPatientMm(v, x, y, z);
              if (Math.hypot(p[0] - l.xMm, p[1] - l.yMm, p[2] - l.zMm) <= FOUND_WITHIN_MM + v.spacingMm[2] / 2) {
                votes[label]++;
              }
            }
          }
        }
        const best = votes.indexOf(Math.max(...votes));
        found[name] = votes[best] > 0;
        predictedArtery[name] = found[name] ? CORONARY_ARTERIES[best - 1] : null;
      }
      return { artery: l.artery, found, predictedArtery };
    });
  return { verdict: read.verdict, referenceAgatston: read.agatstonReference, lesions };
}
