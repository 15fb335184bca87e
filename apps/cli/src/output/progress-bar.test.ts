import { renderSweepProgress } from './progress-bar';

describe('sweep progress line', () => {
  it('shows done over seen with every counter', () => {
    const line = renderSweepProgress({
      seen: 20,
      screened: 8,
      skipped: 1,
      failed: 1,
      flagged: 3,
      alreadyScreened: 0,
      status: 'running',
      inFlight: 4,
      studiesPerHour: 3600,
      etaSeconds: 10,
    });
    expect(line).toContain('10/20');
    expect(line).toContain(`[${'#'.repeat(15)}${'.'.repeat(15)}]`);
    expect(line).toMatch(/screened 8 skipped 1 failed 1 flagged 3/);
    expect(line).toContain('eta 10s');
  });
});
