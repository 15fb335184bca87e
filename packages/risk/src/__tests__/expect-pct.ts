/** Asserts a risk percentage is present and within `tolerancePp` percentage points of the reference value. */
export function expectPct(actual: number | null, expected: number, tolerancePp = 0.1): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(tolerancePp);
}
