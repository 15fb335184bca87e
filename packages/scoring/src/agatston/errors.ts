/**
 * Typed errors for everything the scoring code rejects. `code` is stable so the worker can turn it into a
 * non-retryable failure and the API into a 400; the message says what to fix.
 */
export type ScoringErrorCode =
  'INVALID_VOLUME' | 'LABELS_MISMATCH' | 'INVALID_OPTIONS' | 'INVALID_ROI' | 'INVALID_CALIBRATION' | 'INVALID_SCORE';

export class ScoringError extends Error {
  constructor(
    readonly code: ScoringErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The volume's buffer, dimensions or spacing are inconsistent or non-positive. */
export class InvalidVolumeError extends ScoringError {
  constructor(message: string) {
    super('INVALID_VOLUME', message);
  }
}

/** The label map does not have one label per voxel of the volume. */
export class LabelsMismatchError extends ScoringError {
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super('LABELS_MISMATCH', `Label map has ${actual} entries but the volume has ${expected} voxels`);
  }
}

/** A scoring option is out of range (e.g. connectivity 6, descending weight bounds). */
export class InvalidOptionsError extends ScoringError {
  constructor(message: string) {
    super('INVALID_OPTIONS', message);
  }
}

/** A region of interest (or the ROI file) is malformed; `issues` lists each problem as `path: message`. */
export class InvalidRoiError extends ScoringError {
  constructor(
    message: string,
    readonly issues: string[] = [],
  ) {
    super('INVALID_ROI', issues.length > 0 ? `${message}: ${issues.join('; ')}` : message);
  }
}

/** A calibration measurement cannot give a factor (non-positive HU or density). */
export class InvalidCalibrationError extends ScoringError {
  constructor(message: string) {
    super('INVALID_CALIBRATION', message);
  }
}

/** A score handed to a categoriser is negative or not a number. */
export class InvalidScoreError extends ScoringError {
  constructor(value: number) {
    super('INVALID_SCORE', `An Agatston score must be a finite number >= 0, got ${value}`);
  }
}
