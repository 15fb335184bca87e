/**
 * The QRM phantom scan (10 real Canon slices, MIT; packages/scoring/fixtures/qrm-canon-large-rep1) re-encoded in
 * every lossless transfer syntax must give the same HU volume, voxel for voxel, and the same ROI Agatston score.
 * The encoders are dcmtk's dcmconv, dcmcrle, dcmcjpeg and dcmcjpls, and gdcmconv for JPEG 2000; a syntax whose
 * encoder is missing is skipped with a message.
 */
import { readFile, mkdtemp, rm } from 'fs/promises';
import { tmpdir } from 'os';
import * as path from 'path';
import { parseDicom, readSeriesVolume, voxelToPatientMm, type Volume } from '@cacscreen/dicom';
import { type Roi, scoreRois } from '@cacscreen/scoring';
import { encoderAvailable, installHint, LOSSLESS_SYNTAXES, transcodeFiles } from './transcode';
import { firstDifferences, geometryOf, sameVoxels } from './volumes';

const QRM_DIR = path.join(__dirname, '../../packages/scoring/fixtures/qrm-canon-large-rep1');
/** z-ascending: the 7 calcium-insert slices, then the 3 calibration-rod slices (two runs with a gap between). */
const INSERT_FILES = ['8DF62DB7', '8C87B88C', '8C40773D', '7035ABC8', '6FEEB5E4', '324B1555', '31FA247B'];
const ROD_FILES = ['2CCE0D6F', '2B5F3D52', '2B1848AE'];

/** A 10-mm box around the large high-density insert (row 220, column 180 on the 4th insert slice). */
function largeHdRoi(volume: Volume) {
  const [x, y] = voxelToPatientMm(volume, 180, 220, 3);
  const zLo = voxelToPatientMm(volume, 0, 0, 0)[2] - volume.spacingMm[2] / 2;
  const zHi = voxelToPatientMm(volume, 0, 0, volume.dims[2] - 1)[2] + volume.spacingMm[2] / 2;
  const roi: Roi = { name: 'Large_HD', minMm: [x - 5, y - 5, zLo], maxMm: [x + 5, y + 5, zHi] };
  return [roi];
}

describe('QRM phantom in every lossless transfer syntax', () => {
  let work: string;
  let inserts: Volume;
  let rod: Volume;
  let score: number;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'cacscreen-syntaxes-'));
    inserts = (await readSeriesVolume(INSERT_FILES.map((f) => path.join(QRM_DIR, f)))).volume;
    rod = (await readSeriesVolume(ROD_FILES.map((f) => path.join(QRM_DIR, f)))).volume;
    score = scoreRois(inserts, largeHdRoi(inserts)).Large_HD.agatston;
  });

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('has a calcified insert to score in the original', () => {
    expect(inserts.dims).toEqual([512, 512, 7]);
    expect(rod.dims).toEqual([512, 512, 3]);
    expect(score).toBeGreaterThan(300);
  });

  for (const syntax of LOSSLESS_SYNTAXES) {
    const available = encoderAvailable(syntax);
    if (!available) {
      console.warn(`[lossless syntaxes] ${syntax.name} skipped: ${syntax.tool} is missing (${installHint(syntax)})`);
    }
    (available ? it : it.skip)(
      `${syntax.name} (${syntax.uid}, ${[syntax.tool, ...syntax.args].join(' ')})`,
      async () => {
        const dir = path.join(work, syntax.key);
        const encodedInserts = await transcodeFiles(
          INSERT_FILES.map((f) => path.join(QRM_DIR, f)),
          syntax,
          path.join(dir, 'inserts'),
        );
        const encodedRod = await transcodeFiles(
          ROD_FILES.map((f) => path.join(QRM_DIR, f)),
          syntax,
          path.join(dir, 'rod'),
        );
        for (const file of [...encodedInserts, ...encodedRod]) {
          expect(parseDicom(await readFile(file), { headersOnly: true }).transferSyntaxUid).toBe(syntax.uid);
        }
        const [a, b] = await Promise.all([readSeriesVolume(encodedInserts), readSeriesVolume(encodedRod)]);
        for (const [built, original] of [
          [a.volume, inserts],
          [b.volume, rod],
        ] as const) {
          expect(geometryOf(built)).toEqual(geometryOf(original));
          expect(firstDifferences(built, original)).toEqual([]);
          expect(sameVoxels(built, original)).toBe(true);
        }
        expect(scoreRois(a.volume, largeHdRoi(a.volume)).Large_HD.agatston).toBe(score);
      },
    );
  }
});
