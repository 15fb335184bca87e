/**
 * Typed errors for the risk package. Apps map `code` to an HTTP status or a non-retryable workflow failure;
 * risk computations themselves never throw for clinical reasons (out-of-range or missing inputs become warnings).
 */

export type RiskErrorCode = 'RISK_INPUT_INVALID' | 'AGATSTON_INVALID' | 'TIER_POLICY_INVALID';

export abstract class RiskError extends Error {
  abstract readonly code: RiskErrorCode;
}

/** One problem with one field of the input, e.g. `{ field: 'hdl', message: 'hdl must be a number (mg/dL)' }`. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** The risk input failed schema validation; `issues` names every bad field. */
export class RiskInputError extends RiskError {
  readonly code = 'RISK_INPUT_INVALID';
  constructor(readonly issues: FieldIssue[]) {
    super(`Invalid risk input: ${issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}`);
    this.name = 'RiskInputError';
  }
}

/** An Agatston score that is negative, NaN or infinite cannot be categorised. */
export class InvalidAgatstonError extends RiskError {
  readonly code = 'AGATSTON_INVALID';
  constructor(readonly value: number) {
    super(`Agatston score must be a finite number ≥ 0, got ${value}`);
    this.name = 'InvalidAgatstonError';
  }
}

/** A tier policy whose thresholds contradict each other (e.g. high-priority below statin-recommended). */
export class TierPolicyError extends RiskError {
  readonly code = 'TIER_POLICY_INVALID';
  constructor(message: string) {
    super(`Invalid tier policy: ${message}`);
    this.name = 'TierPolicyError';
  }
}
