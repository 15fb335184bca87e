import { LimitExceededError } from '../errors';
import type { DicomLimits } from '../limits';
import type { SliceRef } from './slice-ref';

/** The HU volume is Int16: two bytes a voxel. */
const HU_BYTES = 2;

/** Refuses a series whose headers ask for more frames, or a bigger HU volume, than the limits allow. */
export function checkSeriesBudget<S>(refs: SliceRef<S>[], limits: DicomLimits): void {
  if (refs.length > limits.maxFramesPerSeries) {
    throw new LimitExceededError(
      'maxFramesPerSeries',
      `The series has ${refs.length} frames, beyond the limit of ${limits.maxFramesPerSeries} (CACSCREEN_MAX_FRAMES)`,
    );
  }
  const first = refs[0]?.instance;
  const bytes = (first?.rows ?? 0) * (first?.columns ?? 0) * refs.length * HU_BYTES;
  if (bytes > limits.maxSeriesBytes) {
    throw new LimitExceededError(
      'maxSeriesBytes',
      `The series' HU volume would take ${bytes} bytes, beyond the limit of ${limits.maxSeriesBytes} ` +
        '(CACSCREEN_MAX_SERIES_MIB)',
    );
  }
}
