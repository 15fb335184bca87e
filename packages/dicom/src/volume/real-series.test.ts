import { readdirSync } from 'fs';
import { join } from 'path';
import { decodeFrame } from '../decode';
import { parseDicom } from '../parse';
import { hasSharedData, sharedPath } from '../__tests__/shared-data';
import { voxelToPatientMm } from '../volume';
import { readFileSync } from 'fs';
import { buildVolume } from './build-volume';
import { readSeriesVolume } from './read-series-volume';

const QRM = 'public/MolloiLab__CAC-stanford-data/data/canon/Large_rep1';
const CHEST = 'public/tcia-lung-pet-ct-dx/Lung_Dx-A0002_thorax_8mm_B40f';
const ECT = 'public/pydicom__pydicom-data/data_store/data/eCT_Supplemental.dcm';

function files(dir: string): string[] {
  return readdirSync(sharedPath(dir))
    .filter((f) => !f.startsWith('.'))
    .map((f) => join(sharedPath(dir), f));
}

if (!hasSharedData) {
  it.skip('real CT series: skipped because the shared data folder (../shared/data) is absent', () => undefined);
}

(hasSharedData ? describe : describe.skip)('real CT series (shared data)', () => {
  it('QRM phantom (Canon): z-ascending order although InstanceNumber falls, inserts where the oracle puts them', async () => {
    const { volume } = await readSeriesVolume(files(QRM));
    expect(volume.dims).toEqual([512, 512, 47]);
    expect(volume.spacingMm[0]).toBeCloseTo(0.488, 3);
    expect(volume.spacingMm[2]).toBeCloseTo(3.0, 3);
    expect(volume.sliceDirection[2]).toBeCloseTo(1, 6);
    expect(volume.kvp).toBe(120);
    // Oracle (qrm_canon_large_rep1.json): z-ascending index 22 is InstanceNumber 25 at z = 600.875 mm.
    expect(voxelToPatientMm(volume, 0, 0, 22)[2]).toBeCloseTo(600.875, 3);
    // Large 800 mgHA insert centre (row 220, column 180) is far above the 130 HU calcium threshold; the
    // ~75 HU background a few millimetres away is not.
    const at = (x: number, y: number, z: number): number => volume.hu[x + y * 512 + z * 512 * 512];
    expect(at(180, 220, 22)).toBeGreaterThan(400);
    expect(at(180, 250, 22)).toBeLessThan(130);
  });

  it('QRM phantom: buildVolume from parsed instances equals readSeriesVolume', async () => {
    const paths = files(QRM).slice(0, 10);
    const fromFiles = await readSeriesVolume(paths);
    const fromInstances = buildVolume(paths.map((p) => parseDicom(readFileSync(p))));
    expect(fromInstances.volume.hu).toEqual(fromFiles.volume.hu);
  });

  it('8 mm non-gated chest CT (Siemens, B40f)', async () => {
    const { volume, warnings } = await readSeriesVolume(files(CHEST));
    expect(volume.dims[2]).toBe(30);
    expect(volume.sliceThicknessMm).toBeCloseTo(8, 3);
    expect(volume.spacingMm[2]).toBeGreaterThan(7);
    expect(volume.hu[0]).toBeLessThan(-900); // corner of the field: air or padding
    expect(volume.hu.reduce((m, v) => Math.max(m, v), -Infinity)).toBeGreaterThan(700); // bone
    expect(warnings.filter((w) => /Missing|not axial/.test(w))).toEqual([]);
  });

  it('Enhanced CT multi-frame (eCT_Supplemental.dcm): two frames placed by per-frame positions', () => {
    const instance = parseDicom(readFileSync(sharedPath(ECT)));
    expect(instance.frames).toHaveLength(2);
    const { volume } = buildVolume([instance]);
    expect(volume.dims).toEqual([512, 512, 2]);
    // HU = stored * slope + intercept for the frame at the lower position (checked on one voxel).
    const frames = instance.frames ?? [];
    const z = frames.map((f) => f.imagePositionPatient?.[2] ?? NaN);
    const lower = z[0] <= z[1] ? 0 : 1;
    const stored = decodeFrame(instance, lower);
    const frame = frames[lower];
    const slope = frame.rescaleSlope ?? instance.rescaleSlope ?? 1;
    const intercept = frame.rescaleIntercept ?? instance.rescaleIntercept ?? 0;
    expect(volume.hu[1000]).toBe(Math.round(stored[1000] * slope + intercept));
  });
});
