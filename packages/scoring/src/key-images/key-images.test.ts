import zlib from 'node:zlib';
import { computeAgatston } from '../agatston';
import { CalciumLabel } from '../labels';
import { synthetic } from '../__tests__/helpers/synthetic-volume';
import { decodePng } from './__tests__/decode-png';
import { crc32, encodeIndexedPng } from './png';
import { KEY_IMAGE_COLOURS, renderKeyImages } from './index';

const isGray = ([r, g, b]: [number, number, number]) => r === g && g === b;
/** Expected gray of a HU value in a W400/L40 window (−160 → 0, 240 → 255), computed here from the definition. */
const windowGray = (hu: number) => Math.min(255, Math.max(0, ((hu + 160) / 400) * 255));

describe('PNG encoder', () => {
  it('computes the CRC-32 that PNG uses', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.from('IEND'))).toBe(0xae426082);
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 37) % 256));
    expect(crc32(bytes)).toBe(zlib.crc32(bytes));
  });

  it('writes an indexed-colour PNG a separate reader decodes pixel for pixel', () => {
    const palette = [
      [0, 0, 0],
      [255, 0, 0],
      [10, 20, 30],
    ] as const;
    const pixels = Uint8Array.from({ length: 5 * 3 }, (_, i) => i % 3);
    const png = decodePng(encodeIndexedPng({ width: 5, height: 3, pixels, palette }));
    expect(png).toMatchObject({ width: 5, height: 3, bitDepth: 8, colorType: 3 });
    expect(png.chunkTypes).toEqual(['IHDR', 'PLTE', 'IDAT', 'IEND']);
    for (let y = 0; y < 3; y++) for (let x = 0; x < 5; x++) expect(png.rgb(x, y)).toEqual(palette[(x + y * 5) % 3]);
  });

  it('refuses pixels outside the palette and sizes that do not match', () => {
    const palette = [[0, 0, 0]] as const;
    expect(() => encodeIndexedPng({ width: 2, height: 1, pixels: Uint8Array.of(0, 1), palette })).toThrow(/palette/);
    expect(() => encodeIndexedPng({ width: 2, height: 2, pixels: Uint8Array.of(0, 0), palette })).toThrow(/needs 4/);
  });
});

describe('key images', () => {
  // 64 columns × 48 rows × 10 slices of 0.5 × 0.5 × 3 mm (pixel 0.25 mm², slice factor 1), soft tissue at 40 HU.
  function study() {
    const s = synthetic({ dims: [64, 48, 10], originMm: [-16, -12, -100], backgroundHu: 40 });
    s.rect(10, 10, 13, 13, 3, 400, CalciumLabel.LAD); // LAD lesion: 16 px (4 mm², weight 4) on slice 3 …
    s.rect(10, 10, 15, 15, 4, 400, CalciumLabel.LAD); // … and 36 px (9 mm², weight 4) on slice 4: 16 + 36 = 52
    s.rect(40, 30, 42, 32, 4, 250, CalciumLabel.LCX); // LCX lesion on the same slice: 9 px = 2.25 mm² × 2 = 4.5
    s.rect(30, 20, 33, 23, 7, 300, CalciumLabel.RCA); // RCA lesion: 4 mm² × 3 = 12
    s.rect(20, 5, 22, 7, 1, 200, CalciumLabel.LM); // LM lesion: 2.25 mm² × 2 = 4.5
    s.rect(50, 5, 53, 8, 7, 900, CalciumLabel.OtherCalcium); // aortic calcium: coloured, never counted
    s.rect(0, 40, 5, 45, 4, 1000, CalciumLabel.Background); // bone: bright but unlabelled
    s.rect(20, 30, 22, 32, 4, 100, CalciumLabel.LAD); // labelled but under 130 HU: not calcium
    return s;
  }

  it('shows the slices of the largest lesions, one per lesion, with each slice’s coronary Agatston', () => {
    const { volume, labels } = study();
    const score = computeAgatston(volume, labels);
    expect(score.agatston.total).toBeCloseTo(52 + 4.5 + 12 + 4.5, 6);
    const images = renderKeyImages(volume, labels, score);
    expect(images.map(({ png: _png, ...meta }) => meta)).toEqual([
      // The LAD lesion's largest slice, which also shows the LCX lesion (so that one adds no image of its own).
      { rank: 1, sliceIndex: 4, zMm: -88, agatston: 36 + 4.5, arteries: ['LAD', 'LCX'], width: 64, height: 48 },
      { rank: 2, sliceIndex: 7, zMm: -79, agatston: 12, arteries: ['RCA'], width: 64, height: 48 },
      { rank: 3, sliceIndex: 1, zMm: -97, agatston: 4.5, arteries: ['LM'], width: 64, height: 48 },
    ]);
  });

  it('colours calcium by artery and leaves everything else gray in the mediastinal window', () => {
    const { volume, labels } = study();
    const [slice4, slice7] = renderKeyImages(volume, labels, computeAgatston(volume, labels));
    const png = decodePng(slice4.png);
    expect(png).toMatchObject({ width: 64, height: 48, bitDepth: 8 });
    const rgb = (x: number, y: number) => png.rgb(x, y);
    expect(rgb(10, 10)).toEqual(KEY_IMAGE_COLOURS.LAD);
    expect(rgb(15, 15)).toEqual(KEY_IMAGE_COLOURS.LAD);
    expect(rgb(41, 31)).toEqual(KEY_IMAGE_COLOURS.LCX);
    expect(rgb(2, 42)).toEqual([255, 255, 255]); // unlabelled bone: white, not coloured
    expect(isGray(rgb(21, 31))).toBe(true); // labelled voxel below 130 HU
    expect(rgb(21, 31)[0]).toBeCloseTo(windowGray(100), -0.5);
    expect(rgb(30, 40)[0]).toBeCloseTo(windowGray(40), -0.5); // soft tissue: mid gray
    let coloured = 0;
    for (let y = 0; y < 48; y++) for (let x = 0; x < 64; x++) if (!isGray(rgb(x, y))) coloured++;
    expect(coloured).toBe(36 + 9);

    const other = decodePng(slice7.png);
    expect(other.rgb(31, 21)).toEqual(KEY_IMAGE_COLOURS.RCA);
    expect(other.rgb(51, 6)).toEqual(KEY_IMAGE_COLOURS.other);
  });

  it('puts image rows in DICOM row order and columns in column order', () => {
    const s = synthetic({ dims: [8, 4, 1], backgroundHu: -1000 });
    s.rect(5, 1, 7, 3, 0, 500, CalciumLabel.RCA); // 9 px at the right, lower part
    const images = renderKeyImages(s.volume, s.labels, computeAgatston(s.volume, s.labels), {
      agatston: { minAreaMm2: 0 },
    });
    const png = decodePng(images[0].png);
    expect(png.rgb(5, 1)).toEqual(KEY_IMAGE_COLOURS.RCA);
    expect(png.rgb(4, 1)).toEqual([0, 0, 0]); // air: black
    expect(png.rgb(5, 0)).toEqual([0, 0, 0]);
  });

  it('has no key images when no coronary calcium is counted', () => {
    const s = synthetic({ dims: [32, 32, 4], backgroundHu: 40 });
    s.rect(1, 1, 6, 6, 2, 900, CalciumLabel.OtherCalcium);
    s.rect(20, 20, 25, 25, 2, 1200, CalciumLabel.Background);
    s.set(10, 10, 1, 600, CalciumLabel.LAD); // 0.25 mm²: under the 1 mm² minimum, so not counted
    const score = computeAgatston(s.volume, s.labels);
    expect(score.agatston.total).toBe(0);
    expect(renderKeyImages(s.volume, s.labels, score)).toEqual([]);
  });

  it('stops at three images (or maxImages), largest lesions first', () => {
    const s = synthetic({ dims: [40, 40, 6], backgroundHu: 40 });
    for (let z = 0; z < 6; z++) s.rect(2 + z * 5, 2, 3 + z * 5, 2 + z, z, 400, CalciumLabel.RCA); // grows with z
    const score = computeAgatston(s.volume, s.labels);
    expect(renderKeyImages(s.volume, s.labels, score).map((i) => i.sliceIndex)).toEqual([5, 4, 3]);
    expect(renderKeyImages(s.volume, s.labels, score, { maxImages: 1 }).map((i) => i.sliceIndex)).toEqual([5]);
  });

  it('refuses a label map of the wrong size', () => {
    const { volume } = study();
    expect(() => renderKeyImages(volume, new Uint8Array(5), { agatston: { total: 1 } } as never)).toThrow(/Label map/);
  });
});
