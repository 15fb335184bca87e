/** What a synthetic thorax study is made from. Every study is a pure function of these settings (seed included). */
export type CalciumBurden = 'none' | 'low' | 'moderate' | 'high' | 'random';
/** A burden once 'random' has been resolved. */
export type BurdenCategory = Exclude<CalciumBurden, 'random'>;

export const BURDEN_CATEGORIES: readonly BurdenCategory[] = ['none', 'low', 'moderate', 'high'];

/** Reconstruction kernel look: 'smooth' (soft tissue, the original phantom) or 'sharp' (edge-enhancing). */
export type ReconstructionKernel = 'smooth' | 'sharp';

/** How pixel values are stored in the DICOM files. */
export type PixelEncoding = 'signed-hu' | 'unsigned-offset';

export interface PhantomSettings {
  /** Any integer; same seed + settings → identical study. */
  seed: number;
  /** Columns = rows of each axial image (64–512). Default 256. */
  matrix: number;
  /** In-plane pixel spacing, mm (0.3–3). Default 1.4 (≈ 358 mm field of view at 256²). */
  pixelSpacingMm: number;
  /** Slice thickness = slice spacing, mm (0.625–5). Default 3. */
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
  /**
   * 'smooth' (default): Gaussian point-spread and white noise, as the phantom always was. 'sharp': half the blur, an
   * unsharp mask (edge overshoot, dark rims next to bone and calcium) and high-pass (fine-grained) noise of the same σ.
   */
  kernel: ReconstructionKernel;
  /** Body habitus (0.8–1.35): body ellipse, chest wall, subcutaneous and epicardial fat, a little heart size. Default 1. */
  bodyScale: number;
  /**
   * Adds seeded hard negatives for calcium labellers (1–3 in a typical study): calcified mediastinal lymph nodes and
   * aortic-root / valve calcium (label 5), a rib or the sternum touching the pericardium, sternal wires or a pacemaker
   * lead with streak artefacts (bone and metal: label 0). Default false.
   */
  hardNegatives: boolean;
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
  kernel: 'smooth',
  bodyScale: 1,
  hardNegatives: false,
};

/** Settings added after the first release; at these values a study is identical to one made before they existed. */
const LATER_DEFAULTS: Partial<PhantomSettings> = { kernel: 'smooth', bodyScale: 1, hardNegatives: false };

/**
 * The settings as they identify a study (UIDs are derived from this): later options are left out while they are at
 * their defaults, so existing seeds keep their UIDs and DICOM bytes.
 */
export function settingsIdentity(s: PhantomSettings): Partial<PhantomSettings> {
  const out: Partial<PhantomSettings> = {};
  for (const [key, value] of Object.entries(s) as Array<[keyof PhantomSettings, unknown]>) {
    if (key in LATER_DEFAULTS && LATER_DEFAULTS[key] === value) continue;
    (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

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
  checkRange('sliceThicknessMm', s.sliceThicknessMm, 0.625, 5);
  checkRange('coverageMm', s.coverageMm, 120, 240);
  checkRange('noiseHu', s.noiseHu, 0, 60);
  checkRange('blurSigmaMm', s.blurSigmaMm, 0, 3);
  checkRange('kvp', s.kvp, 70, 140);
  if (!['none', 'low', 'moderate', 'high', 'random'].includes(s.burden)) {
    throw new PhantomSettingsError(`burden must be none | low | moderate | high | random, got ${String(s.burden)}`);
  }
  if (s.kernel !== 'smooth' && s.kernel !== 'sharp') {
    throw new PhantomSettingsError(`kernel must be smooth | sharp, got ${String(s.kernel)}`);
  }
  checkRange('bodyScale', s.bodyScale, 0.8, 1.35);
  if (typeof s.hardNegatives !== 'boolean') {
    throw new PhantomSettingsError(`hardNegatives must be true or false, got ${String(s.hardNegatives)}`);
  }
  if (typeof s.distractors !== 'boolean') {
    throw new PhantomSettingsError(`distractors must be true or false, got ${String(s.distractors)}`);
  }
  return s;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
