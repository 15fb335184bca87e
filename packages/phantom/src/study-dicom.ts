/**
 * writeStudyDicom: one phantom study as a folder of CT Image Storage files (one per slice, explicit VR little endian).
 *
 * Pixel storage (documented in docs/phantom.md): by default 'signed-hu' — signed 16-bit HU, PixelRepresentation 1,
 * BitsStored 16, RescaleIntercept 0; or 'unsigned-offset' — HU + 1024 as unsigned 12-bit, PixelRepresentation 0,
 * RescaleIntercept −1024, as many scanners store CT. Instance 1 is the most cranial slice (scan order head → feet).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { CT_IMAGE_STORAGE, Element, encodePart10 } from './dicom-writer';
import { Rng } from './random';
import { type PixelEncoding, settingsIdentity } from './settings';
import type { PhantomStudy } from './thorax';
import { IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME, uidFromKey } from './uids';

export interface PhantomPatient {
  /** DICOM PN, e.g. 'PHANTOM^PATIENT0007'. */
  name: string;
  id: string;
  sex: 'M' | 'F';
  /** Age in whole years at the study date. */
  age: number;
  /** YYYYMMDD. */
  birthDate: string;
  /** YYYYMMDD. */
  studyDate: string;
  /** HHMMSS. Default '093000'. */
  studyTime?: string;
  accessionNumber?: string;
}

export interface WriteStudyOptions {
  pixelEncoding?: PixelEncoding;
  /** Write the study as another kind of series (test archives: localizers, contrast, non-CT). */
  series?: SeriesVariant;
}

/** Tags that make a series something a CAC sweep must skip, for archives that mix good and unsuitable series. */
export interface SeriesVariant {
  /** Makes this series' UIDs differ from the study's primary series (the study UID stays the same). */
  key: string;
  modality?: string;
  /** Backslash-separated ImageType, e.g. 'ORIGINAL\\PRIMARY\\LOCALIZER'. */
  imageType?: string;
  description?: string;
  contrastBolusAgent?: string;
  seriesNumber?: number;
}

/** Replaces (or adds) elements by tag. */
function withOverrides(elements: Element[], overrides: Element[]): Element[] {
  const replaced = new Set(overrides.map((e) => e.tag));
  return [...elements.filter((e) => !replaced.has(e.tag)), ...overrides];
}

function variantElements(variant: SeriesVariant | undefined, uid: (suffix: string) => string): Element[] {
  if (!variant) return [];
  const out: Element[] = [{ tag: 0x0020000e, vr: 'UI', value: uid('series') }];
  if (variant.modality) out.push({ tag: 0x00080060, vr: 'CS', value: variant.modality });
  if (variant.imageType) out.push({ tag: 0x00080008, vr: 'CS', value: variant.imageType });
  if (variant.description) out.push({ tag: 0x0008103e, vr: 'LO', value: variant.description });
  if (variant.contrastBolusAgent) out.push({ tag: 0x00180010, vr: 'LO', value: variant.contrastBolusAgent });
  if (variant.seriesNumber !== undefined) out.push({ tag: 0x00200011, vr: 'IS', value: variant.seriesNumber });
  return out;
}

export interface WrittenStudy {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  frameOfReferenceUid: string;
  /** Absolute paths, instance 1 first. */
  files: string[];
}

const KERNELS = ['B30f', 'B31f', 'STANDARD', 'FC08', 'Br40'];
const SHARP_KERNELS = ['B70f', 'B60f', 'BONE', 'LUNG', 'Br64'];

/** The UIDs a study gets: a function of the phantom settings (seed included) and the patient ID. */
export function studyUids(
  study: PhantomStudy,
  patientId: string,
): { study: string; series: string; frame: string; sop: (instance: number) => string } {
  const key = `cacscreen-phantom|${patientId}|${JSON.stringify(settingsIdentity(study.settings))}`;
  return {
    study: uidFromKey(`${key}|study`),
    series: uidFromKey(`${key}|series`),
    frame: uidFromKey(`${key}|frame`),
    sop: (instance: number) => uidFromKey(`${key}|sop|${instance}`),
  };
}

function ageString(age: number): string {
  return `${String(Math.max(0, Math.min(999, Math.floor(age)))).padStart(3, '0')}Y`;
}

function sliceBytes(hu: Int16Array, offset: number, count: number, encoding: PixelEncoding): Uint8Array {
  const out = new Uint8Array(count * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < count; i++) {
    const v = hu[offset + i];
    if (encoding === 'signed-hu') view.setInt16(i * 2, v, true);
    else view.setUint16(i * 2, Math.min(4095, Math.max(0, v + 1024)), true);
  }
  return out;
}

/** Writes `slice-0001.dcm` … into outDir (created if needed). Deterministic: same study + patient → same bytes. */
export async function writeStudyDicom(
  study: PhantomStudy,
  outDir: string,
  patient: PhantomPatient,
  options: WriteStudyOptions = {},
): Promise<WrittenStudy> {
  const encoding = options.pixelEncoding ?? 'signed-hu';
  const v = study.volume;
  const [cols, rows, slices] = v.dims;
  const uids = studyUids(study, patient.id);
  const kernel = new Rng(study.settings.seed).pick(study.settings.kernel === 'sharp' ? SHARP_KERNELS : KERNELS);
  const thickness = study.settings.sliceThicknessMm;
  const studyTime = patient.studyTime ?? '093000';
  const seriesTime = `${studyTime.slice(0, 2)}${String(Math.min(59, Number(studyTime.slice(2, 4)) + 4)).padStart(2, '0')}${studyTime.slice(4, 6)}`;
  const signed = encoding === 'signed-hu';
  const variantUid = (suffix: string) => uidFromKey(`${uids.series}|${options.series?.key}|${suffix}`);
  const sopUid = (instance: number) => (options.series ? variantUid(`sop|${instance}`) : uids.sop(instance));
  const base: Element[] = [
    { tag: 0x00080005, vr: 'CS', value: 'ISO_IR 100' },
    { tag: 0x00080008, vr: 'CS', value: 'ORIGINAL\\PRIMARY\\AXIAL' },
    { tag: 0x00080016, vr: 'UI', value: CT_IMAGE_STORAGE },
    { tag: 0x00080020, vr: 'DA', value: patient.studyDate },
    { tag: 0x00080021, vr: 'DA', value: patient.studyDate },
    { tag: 0x00080022, vr: 'DA', value: patient.studyDate },
    { tag: 0x00080023, vr: 'DA', value: patient.studyDate },
    { tag: 0x00080030, vr: 'TM', value: studyTime },
    { tag: 0x00080031, vr: 'TM', value: seriesTime },
    { tag: 0x00080032, vr: 'TM', value: seriesTime },
    { tag: 0x00080033, vr: 'TM', value: seriesTime },
    { tag: 0x00080050, vr: 'SH', value: patient.accessionNumber ?? '' },
    { tag: 0x00080060, vr: 'CS', value: 'CT' },
    { tag: 0x00080070, vr: 'LO', value: 'cacscreen-phantom' },
    { tag: 0x00080080, vr: 'LO', value: 'Synthetic Phantom Hospital' },
    { tag: 0x00080090, vr: 'PN', value: '' },
    { tag: 0x00081030, vr: 'LO', value: 'CT CHEST WITHOUT CONTRAST' },
    { tag: 0x0008103e, vr: 'LO', value: `CHEST ${thickness} mm ${kernel}` },
    { tag: 0x00081090, vr: 'LO', value: 'synthetic thorax v1' },
    { tag: 0x00100010, vr: 'PN', value: patient.name },
    { tag: 0x00100020, vr: 'LO', value: patient.id },
    { tag: 0x00100030, vr: 'DA', value: patient.birthDate },
    { tag: 0x00100040, vr: 'CS', value: patient.sex },
    { tag: 0x00101010, vr: 'AS', value: ageString(patient.age) },
    { tag: 0x00180015, vr: 'CS', value: 'CHEST' },
    { tag: 0x00180050, vr: 'DS', value: thickness },
    { tag: 0x00180060, vr: 'DS', value: study.settings.kvp },
    { tag: 0x00181020, vr: 'LO', value: 'cacscreen-phantom 1' },
    { tag: 0x00181210, vr: 'SH', value: kernel },
    { tag: 0x00185100, vr: 'CS', value: 'HFS' },
    { tag: 0x0020000d, vr: 'UI', value: uids.study },
    { tag: 0x0020000e, vr: 'UI', value: uids.series },
    { tag: 0x00200010, vr: 'SH', value: '1' },
    { tag: 0x00200011, vr: 'IS', value: 2 },
    { tag: 0x00200012, vr: 'IS', value: 1 },
    { tag: 0x00200037, vr: 'DS', value: [...v.rowDirection, ...v.columnDirection] },
    { tag: 0x00200052, vr: 'UI', value: uids.frame },
    { tag: 0x00201040, vr: 'LO', value: '' },
    { tag: 0x00280002, vr: 'US', value: 1 },
    { tag: 0x00280004, vr: 'CS', value: 'MONOCHROME2' },
    { tag: 0x00280010, vr: 'US', value: rows },
    { tag: 0x00280011, vr: 'US', value: cols },
    { tag: 0x00280030, vr: 'DS', value: [v.spacingMm[1], v.spacingMm[0]] },
    { tag: 0x00280100, vr: 'US', value: 16 },
    { tag: 0x00280101, vr: 'US', value: signed ? 16 : 12 },
    { tag: 0x00280102, vr: 'US', value: signed ? 15 : 11 },
    { tag: 0x00280103, vr: 'US', value: signed ? 1 : 0 },
    { tag: 0x00281050, vr: 'DS', value: 40 },
    { tag: 0x00281051, vr: 'DS', value: 400 },
    { tag: 0x00281052, vr: 'DS', value: signed ? 0 : -1024 },
    { tag: 0x00281053, vr: 'DS', value: 1 },
    { tag: 0x00281054, vr: 'LO', value: 'HU' },
  ];
  const common = withOverrides(base, variantElements(options.series, variantUid));
  await fs.mkdir(outDir, { recursive: true });
  const files: string[] = [];
  const plane = cols * rows;
  for (let instance = 1; instance <= slices; instance++) {
    const z = slices - instance;
    const ipp: [number, number, number] = [
      v.originMm[0] + z * v.spacingMm[2] * v.sliceDirection[0],
      v.originMm[1] + z * v.spacingMm[2] * v.sliceDirection[1],
      v.originMm[2] + z * v.spacingMm[2] * v.sliceDirection[2],
    ];
    const sop = sopUid(instance);
    const dataset: Element[] = [
      ...common,
      { tag: 0x00080018, vr: 'UI', value: sop },
      { tag: 0x00200013, vr: 'IS', value: instance },
      { tag: 0x00200032, vr: 'DS', value: ipp },
      { tag: 0x00201041, vr: 'DS', value: ipp[2] },
      { tag: 0x7fe00010, vr: 'OW', value: sliceBytes(v.hu, z * plane, plane, encoding) },
    ];
    const bytes = encodePart10(dataset, {
      sopClassUid: CT_IMAGE_STORAGE,
      sopInstanceUid: sop,
      implementationClassUid: IMPLEMENTATION_CLASS_UID,
      implementationVersionName: IMPLEMENTATION_VERSION_NAME,
    });
    const file = path.resolve(outDir, `slice-${String(instance).padStart(4, '0')}.dcm`);
    await fs.writeFile(file, bytes);
    files.push(file);
  }
  const seriesInstanceUid = options.series ? variantUid('series') : uids.series;
  return { studyInstanceUid: uids.study, seriesInstanceUid, frameOfReferenceUid: uids.frame, files };
}
