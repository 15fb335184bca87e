import { copyFileSync, mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { FIXTURES } from '../__tests__/fixtures';
import { hasSharedData, sharedPath } from '../__tests__/shared-data';
import { selectSeries } from '../series';
import { FolderArchiveSource } from './folder-archive-source';
import { indexFolder } from './index-folder';

describe('indexFolder', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cacscreen-index-'));
    mkdirSync(join(dir, 'nested/deeper'), { recursive: true });
    copyFileSync(join(FIXTURES, 'MR_small.dcm'), join(dir, 'a.dcm'));
    copyFileSync(join(FIXTURES, 'MR_small_RLE.dcm'), join(dir, 'nested/b.dcm'));
    copyFileSync(join(FIXTURES, 'CT_small.dcm'), join(dir, 'nested/deeper/c'));
    writeFileSync(join(dir, 'notes.txt'), 'not an image, just notes about the archive\n'.repeat(5));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads headers recursively, groups by study and series, and lists non-DICOM files with a reason', async () => {
    const progress: number[] = [];
    const index = await indexFolder(dir, { onProgress: (p) => progress.push(p.filesSeen) });
    expect(progress).toEqual([1, 2, 3, 4]);
    expect(index.unreadable).toEqual([
      expect.objectContaining({
        path: join(dir, 'notes.txt'),
        code: 'NOT_DICOM',
        reason: expect.stringMatching(/not look like a DICOM element/),
      }),
    ]);
    const files = index.studies.flatMap((s) => s.series.flatMap((x) => x.files)).sort();
    expect(files).toEqual([join(dir, 'a.dcm'), join(dir, 'nested/b.dcm'), join(dir, 'nested/deeper/c')]);
    const uids = index.studies.map((s) => s.studyInstanceUid);
    expect(uids).toEqual([...uids].sort());
    const ct = index.studies.flatMap((s) => s.series).find((s) => s.modality === 'CT');
    expect(ct).toMatchObject({ sliceCount: 1, rows: 128, columns: 128 });
  });

  it('FolderArchiveSource pages through studies in a stable order with a cursor', async () => {
    const source = new FolderArchiveSource(dir);
    const all = (await indexFolder(dir)).studies.map((s) => s.studyInstanceUid);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof source.listStudies>> = await source.listStudies(cursor, 1);
      seen.push(...page.studies.map((s) => s.studyInstanceUid));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(all);
    const study = await source.getStudy(all[0]);
    expect(study.studyInstanceUid).toBe(all[0]);
    await expect(source.getStudy('9.9.9')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

if (!hasSharedData) console.warn('[index-folder] real-CT tests skipped: ../shared/data is not beside the checkout');
(hasSharedData ? describe : describe.skip)('indexFolder + selectSeries on real CT (shared data)', () => {
  it('chooses the 3 mm QRM phantom series, and the 8 mm chest series with low confidence', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cacscreen-real-'));
    try {
      for (const [name, from] of [
        ['qrm', 'public/MolloiLab__CAC-stanford-data/data/canon/Large_rep1'],
        ['chest', 'public/tcia-lung-pet-ct-dx/Lung_Dx-A0002_thorax_8mm_B40f'],
      ]) {
        mkdirSync(join(dir, name));
        for (const f of readdirSync(sharedPath(from))) copyFileSync(join(sharedPath(from), f), join(dir, name, f));
      }
      const index = await indexFolder(dir);
      expect(index.studies).toHaveLength(2);
      const decisions = index.studies.map((s) => selectSeries(s));
      const byKernel = new Map(decisions.map((d) => [d.chosen?.convolutionKernel, d]));
      const qrm = byKernel.get('FC12');
      expect(qrm?.chosen?.sliceCount).toBe(47);
      expect(qrm?.decisions[0].lowConfidence).toBeUndefined();
      const chest = [...byKernel.entries()].find(([k]) => k !== 'FC12')?.[1];
      expect(chest?.chosen?.sliceThicknessMm).toBe(8);
      expect(chest?.decisions[0]).toMatchObject({ accepted: true, lowConfidence: true, rank: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
