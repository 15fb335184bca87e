import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import * as dicomParser from 'dicom-parser';
import { generateThorax, writeStudyDicom, type PhantomPatient, type PhantomStudy } from '..';
import { encodeElement, formatDs } from '../dicom-writer';

const patient: PhantomPatient = {
  name: 'PHANTOM^PATIENT0042',
  id: 'PHANTOM0042',
  sex: 'F',
  age: 61,
  birthDate: '19590314',
  studyDate: '20200701',
  studyTime: '101500',
  accessionNumber: 'PHACC0042',
};

let dir: string;
let study: PhantomStudy;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'phantom-dicom-'));
  study = generateThorax({ seed: 9, matrix: 128, pixelSpacingMm: 2.8, sliceThicknessMm: 5, burden: 'moderate' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const parse = (file: string) => dicomParser.parseDicom(new Uint8Array(readFileSync(file)));

describe('writeStudyDicom', () => {
  it('writes one valid CT Image Storage file per slice with the geometry of the volume', async () => {
    const out = path.join(dir, 'signed');
    const written = await writeStudyDicom(study, out, patient);
    const [cols, rows, slices] = study.volume.dims;
    expect(written.files).toHaveLength(slices);
    expect(path.basename(written.files[0])).toBe('slice-0001.dcm');

    const bytes = readFileSync(written.files[0]);
    expect(bytes.subarray(0, 128).every((b) => b === 0)).toBe(true);
    expect(bytes.subarray(128, 132).toString('latin1')).toBe('DICM');

    const zs: number[] = [];
    const sops = new Set<string>();
    for (const file of written.files) {
      const ds = parse(file);
      expect(ds.string('x00020010')).toBe('1.2.840.10008.1.2.1');
      expect(ds.string('x00020002')).toBe('1.2.840.10008.5.1.4.1.1.2');
      expect(ds.string('x00080016')).toBe('1.2.840.10008.5.1.4.1.1.2');
      expect(ds.string('x00020003')).toBe(ds.string('x00080018'));
      expect(ds.string('x00080060')).toBe('CT');
      expect(ds.string('x00080008')).toBe('ORIGINAL\\PRIMARY\\AXIAL');
      expect(ds.string('x00080070')).toBe('cacscreen-phantom');
      expect(ds.string('x00100010')).toBe('PHANTOM^PATIENT0042');
      expect(ds.string('x00100020')).toBe('PHANTOM0042');
      expect(ds.string('x00100030')).toBe('19590314');
      expect(ds.string('x00100040')).toBe('F');
      expect(ds.string('x00101010')).toBe('061Y');
      expect(ds.string('x00080020')).toBe('20200701');
      expect(ds.floatString('x00180060')).toBe(120);
      expect(ds.floatString('x00180050')).toBe(5);
      expect(ds.string('x00200037')).toBe('1\\0\\0\\0\\1\\0');
      expect(ds.string('x00280030')).toBe('2.8\\2.8');
      expect(ds.uint16('x00280010')).toBe(rows);
      expect(ds.uint16('x00280011')).toBe(cols);
      expect(ds.uint16('x00280100')).toBe(16);
      expect(ds.uint16('x00280101')).toBe(16);
      expect(ds.uint16('x00280102')).toBe(15);
      expect(ds.uint16('x00280103')).toBe(1);
      expect(ds.uint16('x00280002')).toBe(1);
      expect(ds.string('x00280004')).toBe('MONOCHROME2');
      expect(ds.floatString('x00281052')).toBe(0);
      expect(ds.floatString('x00281053')).toBe(1);
      expect(ds.string('x00181210')).toBeTruthy();
      expect(ds.string('x0008103e')).toMatch(/5 mm/);
      expect(ds.string('x0020000d')).toBe(written.studyInstanceUid);
      expect(ds.string('x0020000e')).toBe(written.seriesInstanceUid);
      expect(ds.string('x00200052')).toBe(written.frameOfReferenceUid);
      for (const uid of [written.studyInstanceUid, written.seriesInstanceUid, ds.string('x00080018')!]) {
        expect(uid).toMatch(/^2\.25\.[1-9][0-9]*$/);
        expect(uid.length).toBeLessThanOrEqual(64);
      }
      sops.add(ds.string('x00080018')!);
      for (const el of Object.values(ds.elements)) expect(el.length % 2).toBe(0);
      const ipp = [0, 1, 2].map((k) => ds.floatString('x00200032', k)!);
      expect(ipp[0]).toBeCloseTo(study.volume.originMm[0], 3);
      expect(ipp[1]).toBeCloseTo(study.volume.originMm[1], 3);
      expect(ds.floatString('x00201041')).toBeCloseTo(ipp[2], 3);
      zs.push(ipp[2]);

      // Pixel data is the volume's slice at that z, in HU.
      const instance = ds.intString('x00200013')!;
      const z = slices - instance;
      expect(ipp[2]).toBeCloseTo(study.volume.originMm[2] + z * 5, 3);
      const px = ds.elements.x7fe00010;
      expect(px.length).toBe(cols * rows * 2);
      const pixels = new Int16Array(
        new Uint8Array(ds.byteArray.buffer, ds.byteArray.byteOffset + px.dataOffset, px.length).slice().buffer,
      );
      const expected = study.volume.hu.subarray(z * cols * rows, (z + 1) * cols * rows);
      expect(Buffer.from(pixels.buffer).equals(Buffer.from(expected.slice().buffer))).toBe(true);
    }
    expect(sops.size).toBe(slices);
    // Instance 1 is the most cranial slice; z steps by exactly the slice thickness.
    for (let i = 1; i < zs.length; i++) expect(zs[i - 1] - zs[i]).toBeCloseTo(5, 6);
  });

  it('can store unsigned HU + 1024 with a −1024 rescale intercept', async () => {
    const written = await writeStudyDicom(study, path.join(dir, 'unsigned'), patient, {
      pixelEncoding: 'unsigned-offset',
    });
    const ds = parse(written.files[3]);
    expect(ds.uint16('x00280103')).toBe(0);
    expect(ds.uint16('x00280101')).toBe(12);
    expect(ds.uint16('x00280102')).toBe(11);
    expect(ds.floatString('x00281052')).toBe(-1024);
    const [cols, rows, slices] = study.volume.dims;
    const z = slices - 4;
    const px = ds.elements.x7fe00010;
    const stored = new Uint16Array(
      new Uint8Array(ds.byteArray.buffer, ds.byteArray.byteOffset + px.dataOffset, px.length).slice().buffer,
    );
    for (let i = 0; i < cols * rows; i += 97) {
      const hu = study.volume.hu[z * cols * rows + i];
      expect(stored[i] - 1024).toBe(Math.min(3071, hu));
    }
  });

  it('is byte-for-byte deterministic', async () => {
    const a = await writeStudyDicom(study, path.join(dir, 'a'), patient);
    const b = await writeStudyDicom(generateThorax(study.settings), path.join(dir, 'b'), patient);
    const digest = (f: string) => createHash('md5').update(readFileSync(f)).digest('hex');
    expect(a.files.map(digest)).toEqual(b.files.map(digest));
    const other = await writeStudyDicom(study, path.join(dir, 'c'), { ...patient, id: 'PHANTOM0043' });
    expect(other.studyInstanceUid).not.toBe(a.studyInstanceUid);
  });

  const dciodvfy = ['/usr/bin/dciodvfy', '/usr/local/bin/dciodvfy'].find((p) => existsSync(p));
  if (!dciodvfy) console.warn('[study-dicom] dciodvfy test skipped: dicom3tools (dciodvfy) is not installed');
  (dciodvfy ? it : it.skip)('passes dciodvfy (dicom3tools) without errors or warnings', async () => {
    const written = await writeStudyDicom(study, path.join(dir, 'verify'), patient);
    for (const file of [written.files[0], written.files[written.files.length - 1]]) {
      const run = spawnSync(dciodvfy!, [file], { encoding: 'utf8' });
      const report = `${run.stdout}${run.stderr}`;
      expect(report).toMatch(/CTImage/);
      expect(report).not.toMatch(/Error|Warning/);
    }
  });
});

describe('DICOM element encoding', () => {
  it('pads text with spaces, UIDs with NUL, and keeps DS within 16 characters', () => {
    const lo = encodeElement({ tag: 0x00080070, vr: 'LO', value: 'abc' });
    expect(lo.readUInt16LE(6)).toBe(4);
    expect(lo.subarray(8).toString('latin1')).toBe('abc ');
    const ui = encodeElement({ tag: 0x00080016, vr: 'UI', value: '1.2.3' });
    expect([...ui.subarray(8)]).toEqual([...Buffer.from('1.2.3\0', 'latin1')]);
    const ow = encodeElement({ tag: 0x7fe00010, vr: 'OW', value: new Uint8Array(4) });
    expect(ow.length).toBe(12 + 4);
    expect(ow.readUInt32LE(8)).toBe(4);
    expect(formatDs(-178.5)).toBe('-178.5');
    expect(formatDs(1 / 3).length).toBeLessThanOrEqual(16);
    expect(formatDs(-123456.123456789).length).toBeLessThanOrEqual(16);
  });
});
