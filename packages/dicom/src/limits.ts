import { LimitExceededError } from './errors';

/**
 * Bounds on what a header may ask for, checked before anything is allocated or decoded. The defaults are generous
 * for real CT (a 512² × 4,096-slice series, or 2,048² × 256) and refuse what no scanner writes. docs/operations.md
 * lists them and the environment variables that change them.
 */
export interface DicomLimits {
  /** Rows (0028,0010) and Columns (0028,0011) of one frame. */
  maxRows: number;
  maxColumns: number;
  /** Frames in one series (slices of classic CT summed over files, or NumberOfFrames of one Enhanced CT file). */
  maxFramesPerSeries: number;
  /** A file larger than this is not read at all. */
  maxFileBytes: number;
  /** A deflated data set (1.2.840.10008.1.2.1.99) stops inflating at this size. */
  maxInflatedBytes: number;
  /** The HU volume of one series (2 bytes a voxel), checked from the headers before it is allocated. */
  maxSeriesBytes: number;
  /**
   * Wall-clock time one frame may take to decode. A codec cannot be stopped mid-frame, but a series whose frame ran
   * over is refused at once instead of decoding the rest (fuzzing found 4 KB JPEG-LS frames that take CharLS 6-11 s).
   */
  maxFrameDecodeMs: number;
}

const MIB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<DicomLimits> = Object.freeze({
  maxRows: 2048,
  maxColumns: 2048,
  maxFramesPerSeries: 4000,
  maxFileBytes: 1024 * MIB,
  maxInflatedBytes: 256 * MIB,
  maxSeriesBytes: 2048 * MIB,
  maxFrameDecodeMs: 5000,
});

/** Environment variable for each limit; sizes in MiB, counts as integers. */
const ENV: Record<keyof DicomLimits, { name: string; unit: number }> = {
  maxRows: { name: 'CACSCREEN_MAX_ROWS', unit: 1 },
  maxColumns: { name: 'CACSCREEN_MAX_COLUMNS', unit: 1 },
  maxFramesPerSeries: { name: 'CACSCREEN_MAX_FRAMES', unit: 1 },
  maxFileBytes: { name: 'CACSCREEN_MAX_FILE_MIB', unit: MIB },
  maxInflatedBytes: { name: 'CACSCREEN_MAX_INFLATED_MIB', unit: MIB },
  maxSeriesBytes: { name: 'CACSCREEN_MAX_SERIES_MIB', unit: MIB },
  maxFrameDecodeMs: { name: 'CACSCREEN_MAX_FRAME_DECODE_MS', unit: 1 },
};

/** The defaults overridden by whatever the environment sets; a value that is not a positive integer is an error. */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): DicomLimits {
  const limits: DicomLimits = { ...DEFAULT_LIMITS };
  for (const [key, { name, unit }] of Object.entries(ENV) as [keyof DicomLimits, { name: string; unit: number }][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
    limits[key] = value * unit;
  }
  return limits;
}

/** Fills the limits not given with the defaults. */
export function resolveLimits(limits: Partial<DicomLimits> | undefined): DicomLimits {
  return { ...DEFAULT_LIMITS, ...limits };
}

/** Refuses a file beyond maxFileBytes before it is read whole. */
export function checkFileSize(size: number, limits: DicomLimits): void {
  if (size > limits.maxFileBytes) {
    throw new LimitExceededError(
      'maxFileBytes',
      `File is ${size} bytes, beyond the limit of ${limits.maxFileBytes} (CACSCREEN_MAX_FILE_MIB); not read`,
    );
  }
}
