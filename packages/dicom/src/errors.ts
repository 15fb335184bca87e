/**
 * Typed errors for everything this package rejects. Each carries a stable `code` that callers (the worker, the API)
 * translate into a non-retryable failure or an HTTP status, and a message a person can act on.
 */
export type DicomErrorCode =
  | 'NOT_DICOM'
  | 'TRUNCATED'
  | 'MALFORMED'
  | 'MISSING_TAG'
  | 'INVALID_VALUE'
  | 'UNSUPPORTED_TRANSFER_SYNTAX'
  | 'DECODE_FAILED'
  | 'INCONSISTENT_SERIES'
  | 'SLICE_GAP'
  | 'NOT_AXIAL'
  | 'EMPTY_SERIES'
  | 'NOT_FOUND'
  | 'SOURCE_UNAVAILABLE'
  | 'SOURCE_REJECTED'
  | 'BAD_RESPONSE'
  | 'LIMIT_EXCEEDED'
  | 'IMPLAUSIBLE_VALUE'
  | 'INVALID_IDENTIFIER'
  | 'DUPLICATE_INSTANCE'
  | 'RESOURCE_BUDGET';

export class DicomError extends Error {
  constructor(
    readonly code: DicomErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The bytes are not a DICOM data set (no DICM prefix and no recognisable first element). */
export class NotDicomError extends DicomError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('NOT_DICOM', message, options);
  }
}

/** The file ends before an element or the pixel data it announces. */
export class TruncatedError extends DicomError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('TRUNCATED', message, options);
  }
}

/** The bytes break DICOM encoding rules in a way parsing cannot get past (e.g. a bad item tag). */
export class MalformedError extends DicomError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('MALFORMED', message, options);
  }
}

/** A required attribute is absent or empty. `tag` is the DICOM tag as `(gggg,eeee)`. */
export class MissingTagError extends DicomError {
  constructor(
    readonly tag: string,
    readonly keyword: string,
    context = '',
  ) {
    super('MISSING_TAG', `Required attribute ${keyword} ${tag} is missing or empty${context ? ` ${context}` : ''}`);
  }
}

/** An attribute is present but its value cannot be used (e.g. BitsAllocated 12). */
export class InvalidValueError extends DicomError {
  constructor(message: string) {
    super('INVALID_VALUE', message);
  }
}

export class UnsupportedTransferSyntaxError extends DicomError {
  constructor(
    readonly transferSyntaxUid: string,
    reason: string,
  ) {
    super('UNSUPPORTED_TRANSFER_SYNTAX', `Transfer syntax ${transferSyntaxUid} is not supported: ${reason}`);
  }
}

/** A codec rejected the compressed bytes, or produced output of the wrong size. */
export class DecodeFailedError extends DicomError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('DECODE_FAILED', message, options);
  }
}

/** Slices of one series that cannot form a single volume (different sizes, orientations, no position). */
export class InconsistentSeriesError extends DicomError {
  constructor(message: string) {
    super('INCONSISTENT_SERIES', message);
  }
}

/** Missing slices: a gap between neighbouring slices exceeds the allowed multiple of the median spacing. */
export class SliceGapError extends DicomError {
  constructor(
    message: string,
    readonly gapMm: number,
    readonly medianSpacingMm: number,
  ) {
    super('SLICE_GAP', message);
  }
}

/**
 * The slices are not axial (their normal is more than the gantry-tilt limit from the head-foot axis): a sagittal,
 * coronal or oblique reconstruction. Calcium scoring is defined on axial slices; the message names the plane.
 */
export class NotAxialSeriesError extends DicomError {
  constructor(
    readonly plane: 'sagittal' | 'coronal' | 'oblique',
    readonly angleDeg: number,
  ) {
    super(
      'NOT_AXIAL',
      `not an axial series (${plane} reconstruction): the slice normal is ${angleDeg.toFixed(0)}° from the ` +
        'head-foot axis; calcium scoring needs axial slices',
    );
  }
}

export class EmptySeriesError extends DicomError {
  constructor(message: string) {
    super('EMPTY_SERIES', message);
  }
}

/** A study or series asked for by UID is not in the archive. */
export class NotFoundError extends DicomError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

/**
 * The archive could not be reached or failed on its side: connection refused, DNS, timeout, HTTP 5xx, 408 or 429.
 * Transient by nature: the caller (the workflow engine) may retry. `status` is the HTTP status when there was one.
 */
export class SourceUnavailableError extends DicomError {
  readonly retryable = true;
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super('SOURCE_UNAVAILABLE', message, options);
  }
}

/**
 * The archive refused the request (HTTP 4xx other than 404, 408 and 429: bad credentials, forbidden, unsupported
 * media type). Retrying the same request will not help; the configuration needs fixing.
 */
export class SourceRejectedError extends DicomError {
  readonly retryable = false;
  constructor(
    message: string,
    readonly status: number,
  ) {
    super('SOURCE_REJECTED', message);
  }
}

/** The archive answered, but not as the protocol specifies (unparsable JSON, a multipart body without parts). */
export class BadResponseError extends DicomError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('BAD_RESPONSE', message, options);
  }
}

/**
 * A size from a header (Rows, Columns, NumberOfFrames, a file, an inflated data set, a series) is beyond a configured
 * limit (limits.ts) or beyond what the file can hold. Raised before anything of that size is allocated or decoded.
 */
export class LimitExceededError extends DicomError {
  constructor(
    readonly limit: string,
    message: string,
  ) {
    super('LIMIT_EXCEEDED', message);
  }
}

/**
 * A value is well formed but physically implausible for CT (a rescale slope of 0, a pixel spacing of 1e30 mm):
 * scoring it would give a number that means nothing, so the series is refused with the reason.
 */
export class ImplausibleValueError extends DicomError {
  constructor(message: string) {
    super('IMPLAUSIBLE_VALUE', message);
  }
}

/** A UID that breaks the DICOM UID grammar (PS3.5 §9.1): it must never reach a workflow ID, a key or a path. */
export class InvalidIdentifierError extends DicomError {
  constructor(
    readonly keyword: string,
    message: string,
  ) {
    super('INVALID_IDENTIFIER', message);
  }
}

/** Two files of one series carry the same SOPInstanceUID but different pixels: which one is right is unknowable. */
export class DuplicateInstanceError extends DicomError {
  constructor(readonly sopInstanceUid: string) {
    super(
      'DUPLICATE_INSTANCE',
      `two files carry SOPInstanceUID ${sopInstanceUid} with different pixel data; the series cannot be scored`,
    );
  }
}

/** Reading the series ran past its memory or time budget (the isolated decode worker was stopped). */
export class ResourceBudgetError extends DicomError {
  constructor(message: string) {
    super('RESOURCE_BUDGET', message);
  }
}
