/** Rounds to 2 decimals for output; computations keep full precision until here. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function round2OrNull(value: number | null): number | null {
  return value === null ? null : round2(value);
}

/** A number as people read it in a rationale: at most 2 decimals, no trailing zeros. */
export function show(value: number): string {
  return String(round2(value));
}
