import { cacPercentileBand } from './cac-percentile';

// Anchors from reference cac-and-risk.md section 1.8 (approximate scraped MESA calculator values).
describe('cacPercentileBand', () => {
  it('uses the white anchors exactly at 45, 65 and 84 years', () => {
    expect(cacPercentileBand(65, 'male', 'white', 307)).toMatchObject({
      atOrAbove75th: true,
      p75: 307,
      approximate: true,
    });
    expect(cacPercentileBand(65, 'male', 'white', 306).atOrAbove75th).toBe(false);
    expect(cacPercentileBand(84, 'female', 'white', 488).p75).toBe(488);
    expect(cacPercentileBand(45, 'female', 'white', 1).p75).toBe(0);
  });

  it('interpolates p75 linearly in age between white anchors', () => {
    // white male: 0 at 45, 307 at 65 → 153.5 at 55
    expect(cacPercentileBand(55, 'male', 'white', 200).p75).toBeCloseTo(153.5, 6);
    // white female: 54 at 65, 488 at 84 → 54 + 434 × 10/19 at 75
    expect(cacPercentileBand(75, 'female', 'white', 10).p75).toBeCloseTo(54 + (434 * 10) / 19, 6);
  });

  it('never calls CAC 0 at or above the 75th percentile, even where p75 is 0', () => {
    expect(cacPercentileBand(45, 'male', 'white', 0)).toMatchObject({ atOrAbove75th: false, p75: 0 });
    expect(cacPercentileBand(45, 'male', 'white', 1).atOrAbove75th).toBe(true);
  });

  it.each([44, 85])('is unknown for white patients aged %d (outside the 45–84 anchors)', (age) => {
    const band = cacPercentileBand(age, 'male', 'white', 50);
    expect(band).toMatchObject({ atOrAbove75th: null, p75: null, approximate: true });
    expect(band.source).toContain(`age ${age} outside the white male anchors (45/65/84 years)`);
  });

  it.each([
    ['black', 'male', 95],
    ['black', 'female', 26],
    ['chinese', 'male', 121],
    ['chinese', 'female', 45],
    ['hispanic', 'male', 141],
    ['hispanic', 'female', 19],
  ] as const)('uses the age-65 anchor for %s %s (p75 %d) at ages 60–70 only', (race, sex, p75) => {
    expect(cacPercentileBand(60, sex, race, p75)).toMatchObject({ atOrAbove75th: true, p75 });
    expect(cacPercentileBand(70, sex, race, p75 - 1)).toMatchObject({ atOrAbove75th: false, p75 });
    expect(cacPercentileBand(59, sex, race, p75).atOrAbove75th).toBeNull();
    expect(cacPercentileBand(71, sex, race, p75).atOrAbove75th).toBeNull();
  });

  it('is unknown for race "other" and when age, sex or race is missing', () => {
    expect(cacPercentileBand(65, 'male', 'other', 500).atOrAbove75th).toBeNull();
    expect(cacPercentileBand(undefined, 'male', 'white', 500).atOrAbove75th).toBeNull();
    expect(cacPercentileBand(65, undefined, 'white', 500).atOrAbove75th).toBeNull();
    expect(cacPercentileBand(65, 'male', undefined, 500).atOrAbove75th).toBeNull();
  });

  describe('percentile rank (approximate, from the scraped anchors)', () => {
    it('is 0 for CAC 0 and interpolates between the zero mass and the anchors', () => {
      // white male 65: P(CAC > 0) 77 %, so the zero mass ends at the 23rd percentile; p25 5, p50 71, p75 307, p90 802
      expect(cacPercentileBand(65, 'male', 'white', 0)).toMatchObject({
        percentileRank: 0,
        percentileRankRange: [0, 0],
      });
      expect(cacPercentileBand(65, 'male', 'white', 5).percentileRank).toBeCloseTo(25, 9);
      expect(cacPercentileBand(65, 'male', 'white', 2.5).percentileRank).toBeCloseTo(24, 9);
      expect(cacPercentileBand(65, 'male', 'white', 71).percentileRank).toBeCloseTo(50, 9);
      expect(cacPercentileBand(65, 'male', 'white', 307).percentileRank).toBeCloseTo(75, 9);
      expect(cacPercentileBand(65, 'male', 'white', 554.5).percentileRank).toBeCloseTo(82.5, 9);
      expect(cacPercentileBand(65, 'male', 'white', 802).percentileRank).toBeCloseTo(90, 9);
    });

    it('skips percentiles that are 0 (inside the zero mass)', () => {
      // white female 65: P(CAC > 0) 47 % → zero mass to the 53rd percentile; p75 54, p90 228
      expect(cacPercentileBand(65, 'female', 'white', 27).percentileRank).toBeCloseTo(64, 9);
      expect(cacPercentileBand(65, 'female', 'white', 54).percentileRank).toBeCloseTo(75, 9);
      // black male 65: zero mass to 44; p50 8
      expect(cacPercentileBand(65, 'male', 'black', 4).percentileRank).toBeCloseTo(47, 9);
    });

    it('gives only the range 90–100 above the 90th-percentile anchor, and null where unknown', () => {
      expect(cacPercentileBand(65, 'male', 'white', 1000)).toMatchObject({
        percentileRank: null,
        percentileRankRange: [90, 100],
        atOrAbove75th: true,
      });
      // white female 45: every percentile up to the 90th is 0 (P(CAC > 0) 7 %), so any calcium is above the 90th
      expect(cacPercentileBand(45, 'female', 'white', 3).percentileRankRange).toEqual([93, 100]);
      expect(cacPercentileBand(65, 'male', 'other', 50)).toMatchObject({
        percentileRank: null,
        percentileRankRange: null,
      });
    });
  });
});
