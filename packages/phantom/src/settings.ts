/** What a synthetic thorax study is made from. Every study is a pure function of these settings (seed included). */
export type CalciumBurden = 'none' | 'low' | 'moderate' | 'high' | 'random';
/** A burden once 'random' has been resolved. */
export type BurdenCategory = Exclude<CalciumBurden, 'random'>;

export const BURDEN_CATEGORIES: readonly BurdenCategory[] = ['none', 'low', 'moderate', 'high'];

/** How pixel values are stored in the DICOM files. */
export type PixelEncoding = 'signed-hu' | 'unsigned-offset';

export interface PhantomSettings {
  /** Any integer; same seed + settings → identical study. */
  seed: number;
  /** Columns = rows of each axial image (64–512). Default 256. */
  matrix: number;
  /** In-plane pixel spacing, mm (0.3–3). Default 1.4 (≈ 358 mm field of view at 256²). */
  pixelSpacingMm: number;
  /** Slice thickness = slice spacing, mm (1–5). Default 3. */
  sliceThicknessMm: number;
  /** Cranio-caudal coverage, mm (120–240). Default 180. */
  coverageMm: number;
  /** Standard deviation of the added Gaussian noise, HU (0–60). Default 15; low-dose ≈ 40–60. */
  noiseHu: number;
  /** In-plane Gaussian blur (scanner point-spread), sigma in mm; 0 disables. Default 0.6. */
  blurSigmaMm: number;
  /** Coronary calcium burden, targeting Agatston 0 / 1–99 / 100–399 / ≥ 400. Default 'random'. */
  burden: CalciumBurden;
  /** Non-coronary calcium (aortic wall, aortic valve, mitral annulus; labelled 5). Default true. */
  distractors: boolean;
  /** Tube voltage written to the volume and the files. Default 120. */
  kvp: number;
}

export const DEFAULT_PHANTOM_SETTINGS: Readonly<PhantomSettings> = {
  seed: 1,
  matrix: 256,
  pixelSpacingMm: 1.4,
  sliceThicknessMm: 3,
  coverageMm: 180,
  noiseHu: 15,
  blurSigmaMm: 0.6,
  burden: 'random',
  distractors: true,
  kvp: 120,
};

export class PhantomSettingsError extends Error {
  readonly code = 'PHANTOM_BAD_SETTINGS';
  constructor(message: string) {
    super(message);
    this.name = 'PhantomSettingsError';
  }
}

function checkRange(name: keyof PhantomSettings, value: number, lo: number, hi: number): void {
  if (!Number.isFinite(value) || value < lo || value > hi) {
    throw new PhantomSettingsError(`${name} must be a number in [${lo}, ${hi}], got ${String(value)}`);
  }
}

/** Fills defaults and checks ranges; throws PhantomSettingsError naming the bad setting. */
export function resolvePhantomSettings(options: Partial<PhantomSettings> = {}): PhantomSettings {
  const s: PhantomSettings = { ...DEFAULT_PHANTOM_SETTINGS, ...stripUndefined(options) };
  if (!Number.isSafeInteger(s.seed)) throw new PhantomSettingsError(`seed must be an integer, got ${String(s.seed)}`);
  if (!Number.isInteger(s.matrix)) throw new PhantomSettingsError(`matrix must be an integer, got ${String(s.matrix)}`);
  checkRange('matrix', s.matrix, 64, 512);
  checkRange('pixelSpacingMm', s.pixelSpacingMm, 0.3, 3);
  checkRange('sliceThicknessMm', s.sliceThicknessMm, 1, 5);
  checkRange('coverageMm', s.coverageMm, 120, 240);
  checkRange('noiseHu', s.noiseHu, 0, 60);
  checkRange('blurSigmaMm', s.blurSigmaMm, 0, 3);
  checkRange('kvp', s.kvp, 70, 140);
  if (!['none', 'low', 'moderate', 'high', 'random'].includes(s.burden)) {
    throw new PhantomSettingsError(`burden must be none | low | moderate | high | random, got ${String(s.burden)}`);
  }
  return s;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
