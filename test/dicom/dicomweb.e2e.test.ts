/**
 * DicomWebArchiveSource against a real Orthanc with its DICOMweb plugin: two phantom studies and the QRM phantom
 * slices are stored, then listed (paged), summarised and fetched over QIDO-RS / WADO-RS. The summaries must equal
 * the folder index of the same files, and the volumes built from fetched files must equal, voxel for voxel, those
 * built from the originals.
 */
import { copyFile, mkdir, mkdtemp, readdir, rm, stat } from 'fs/promises';
import { tmpdir } from 'os';
import * as path from 'path';
import {
  DicomError,
  DicomWebArchiveSource,
  FolderArchiveSource,
  type IndexedStudy,
  openArchiveSource,
  readSeriesVolume,
  selectSeries,
  type SeriesSummary,
} from '@cacscreen/dicom';
import { generateArchive } from '@cacscreen/phantom';
import { orthancUnavailable, type RunningOrthanc, startOrthanc, uploadFiles } from '../setup/orthanc';
import { freePort } from './free-port';
import { firstDifferences, geometryOf, sameVoxels } from './volumes';

const QRM_DIR = path.join(__dirname, '../../packages/scoring/fixtures/qrm-canon-large-rep1');
const skipReason = orthancUnavailable();
if (skipReason) console.warn(`[dicomweb e2e] skipped: ${skipReason}`);
const describeOrthanc = skipReason ? describe.skip : describe;

/** Everything a summary says except where the files are (and the transfer syntax, which metadata does not carry). */
function comparable(series: SeriesSummary): Omit<SeriesSummary, 'files' | 'transferSyntaxUids'> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { files, transferSyntaxUids, ...rest } = series;
  return rest;
}

describeOrthanc('DICOMweb archive source against Orthanc', () => {
  let work: string;
  let archiveDir: string;
  let orthanc: RunningOrthanc;
  let folder: FolderArchiveSource;
  let source: DicomWebArchiveSource;
  let requests: string[];

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'cacscreen-dicomweb-'));
    archiveDir = path.join(work, 'archive');
    await generateArchive(path.join(archiveDir, 'phantom'), { studies: 2, seed: 7, matrix: 128, coverageMm: 120 });
    // The QRM slices join the archive as a third study (one series of two non-contiguous runs).
    await mkdir(path.join(archiveDir, 'qrm'));
    for (const f of (await readdir(QRM_DIR)).filter((name) => /^[0-9A-F]{8}$/.test(name))) {
      await copyFile(path.join(QRM_DIR, f), path.join(archiveDir, 'qrm', f));
    }
    folder = new FolderArchiveSource(archiveDir);
    const index = await folder.getIndex();
    orthanc = await startOrthanc({
      httpPort: await freePort(),
      dicomPort: await freePort(),
      dir: path.join(work, 'orthanc'),
    });
    await uploadFiles(
      orthanc.baseUrl,
      index.studies.flatMap((s) => s.series.flatMap((se) => se.files)),
    );
    requests = [];
    const counting: typeof fetch = (input, init) => {
      requests.push(String(input));
      return fetch(input, init);
    };
    source = new DicomWebArchiveSource(orthanc.dicomWebUrl, { cacheDir: path.join(work, 'cache'), fetch: counting });
  }, 300_000);

  afterAll(async () => {
    await orthanc?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('is what openArchiveSource returns for an http URL', () => {
    expect(openArchiveSource(orthanc.dicomWebUrl, { dicomWeb: { cacheDir: work } })).toBeInstanceOf(
      DicomWebArchiveSource,
    );
    expect(openArchiveSource(archiveDir)).toBeInstanceOf(FolderArchiveSource);
  });

  let allStudies: string[] = [];

  it('lists every study once, page by page, with a stable offset cursor', async () => {
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<DicomWebArchiveSource['listStudies']>> = await source.listStudies(cursor, 2);
      pages.push(page.studies.map((s) => s.studyInstanceUid));
      expect(page.studies.length).toBeLessThanOrEqual(2);
      if (page.nextCursor !== null) {
        const again = await source.listStudies(cursor, 2);
        expect(again.studies.map((s) => s.studyInstanceUid)).toEqual(pages[pages.length - 1]);
      }
      cursor = page.nextCursor;
    } while (cursor !== null);
    allStudies = pages.flat();
    expect(pages.map((p) => p.length)).toEqual([2, 1]);
    expect(new Set(allStudies).size).toBe(3);
    // Four drawn past the end: empty, and the end.
    expect(await source.listStudies('4', 2)).toEqual({ studies: [], nextCursor: null });
    const expected = (await folder.listStudies(null, 100)).studies;
    expect([...allStudies].sort()).toEqual(expected.map((s) => s.studyInstanceUid));
    const first = await source.listStudies(null, 10);
    for (const ref of first.studies) {
      expect(ref).toEqual(expected.find((e) => e.studyInstanceUid === ref.studyInstanceUid));
    }
  });

  it('summarises each series as the folder index does, from headers only (no instance fetched)', async () => {
    requests.length = 0;
    for (const uid of allStudies) {
      const remote = await source.getStudy(uid);
      const local = await folder.getStudy(uid);
      expect(remote.patientId).toBe(local.patientId);
      expect(remote.studyDate).toBe(local.studyDate);
      expect(remote.series.map(comparable)).toEqual(local.series.map(comparable));
      for (const series of remote.series) {
        expect(series.files).toHaveLength(series.sliceCount);
        for (const file of series.files) {
          expect(path.dirname(file)).toBe(path.join(work, 'cache', uid, series.seriesInstanceUid));
          expect(path.basename(file)).toMatch(/^[0-9.]+\.dcm$/);
        }
      }
      expect(selectSeries(remote).decisions.map((d) => [d.reason, d.accepted])).toEqual(
        selectSeries(local).decisions.map((d) => [d.reason, d.accepted]),
      );
    }
    expect(requests.some((r) => /\/instances\/[0-9.]+$/.test(new URL(r).pathname))).toBe(false);
  });

  it('fetches a series into the cache, named by SOP UID, and builds a voxel-identical volume', async () => {
    for (const uid of allStudies) {
      const remote: IndexedStudy = await source.getStudy(uid);
      const local = await folder.getStudy(uid);
      for (const series of remote.series) {
        const files = await source.fetchSeries(uid, series.seriesInstanceUid);
        expect(files).toEqual(series.files);
        const original = local.series.find((s) => s.seriesInstanceUid === series.seriesInstanceUid)!;
        const build = (paths: string[]) =>
          readSeriesVolume(paths).catch((error: unknown) => {
            // The QRM slices are two runs with a gap between them: both readings must fail the same way.
            if (error instanceof DicomError) return error.code;
            throw error;
          });
        const [fromRemote, fromLocal] = await Promise.all([build(files), build(original.files)]);
        if (typeof fromLocal === 'string') {
          expect(fromRemote).toBe(fromLocal);
          continue;
        }
        if (typeof fromRemote === 'string') throw new Error(`remote series failed with ${fromRemote}`);
        expect(geometryOf(fromRemote.volume)).toEqual(geometryOf(fromLocal.volume));
        expect(firstDifferences(fromRemote.volume, fromLocal.volume)).toEqual([]);
        expect(sameVoxels(fromRemote.volume, fromLocal.volume)).toBe(true);
        expect(fromRemote.warnings).toEqual(fromLocal.warnings);
      }
    }
  });

  it('reads the QRM insert slices fetched over DICOMweb like the originals', async () => {
    const qrm = (await folder.getIndex()).studies.find((s) =>
      s.series[0].files[0].startsWith(path.join(archiveDir, 'qrm')),
    )!;
    const series = qrm.series[0];
    const files = await source.fetchSeries(qrm.studyInstanceUid, series.seriesInstanceUid);
    // Insert run: slices 591.875–609.875 mm; the file names differ, so pick them by the original's order.
    const inserts = ['8DF62DB7', '8C87B88C', '8C40773D', '7035ABC8', '6FEEB5E4', '324B1555', '31FA247B'];
    const { volume: expected } = await readSeriesVolume(inserts.map((f) => path.join(QRM_DIR, f)));
    const built = await Promise.all(
      files.map(async (f) => ({ f, v: await readSeriesVolume([f]).then((r) => r.volume.originMm[2]) })),
    );
    const insertFiles = built.filter((b) => b.v >= 591 && b.v <= 610).map((b) => b.f);
    const { volume } = await readSeriesVolume(insertFiles);
    expect(volume.dims).toEqual(expected.dims);
    expect(geometryOf(volume)).toEqual(geometryOf(expected));
    expect(sameVoxels(volume, expected)).toBe(true);
  });

  it('uses the cache: a second fetch downloads nothing', async () => {
    const uid = allStudies[0];
    const { series } = await source.getStudy(uid);
    const before = await stat(series[0].files[0]);
    requests.length = 0;
    await source.fetchSeries(uid, series[0].seriesInstanceUid);
    expect(requests.filter((r) => /\/instances\/[0-9.]+$/.test(new URL(r).pathname))).toEqual([]);
    expect((await stat(series[0].files[0])).mtimeMs).toBe(before.mtimeMs);
  });

  it('fails with typed errors: unknown study NOT_FOUND, server down SOURCE_UNAVAILABLE', async () => {
    await expect(source.getStudy('1.2.3.4.5.6.7.8.9')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(source.fetchSeries(allStudies[0], '1.2.3.999')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const down = new DicomWebArchiveSource(`http://127.0.0.1:${await freePort()}/dicom-web`, { timeoutMs: 2000 });
    await expect(down.listStudies(null, 10)).rejects.toMatchObject({ code: 'SOURCE_UNAVAILABLE', retryable: true });
  });
});
