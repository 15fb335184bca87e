import type { ScoreResult } from './score-result';
import { roundTo, summariseScore } from './score-summary';

const score = {
  agatston: { total: 123.456, byArtery: { LM: 0, LAD: 100.004, LCX: 23.452, RCA: 0 } },
  volumeMm3: 98.765,
  massMg: null,
  lesions: [
    { artery: 'LAD', agatston: 100.004, volumeMm3: 80.125, peakHu: 612, centroidMm: [1.26, -2.34, 10.05] },
    { artery: 'LCX', agatston: 23.452, volumeMm3: 18.64, peakHu: 301, centroidMm: [30, 40, 50] },
  ],
  cacDrs: { category: 'A2', segments: 2 },
  category: '101-400',
  classicClass: 'moderate',
  qualityFlags: ['thick-slices'],
} as unknown as ScoreResult;

describe('the rounded score summary every result uses', () => {
  it('rounds scores to 2 decimals and lesion centres to 0.1 mm, keeping the categories and flags', () => {
    expect(summariseScore(score)).toEqual({
      agatston: { total: 123.46, byArtery: { LM: 0, LAD: 100, LCX: 23.45, RCA: 0 } },
      volumeMm3: 98.77,
      massMg: null,
      lesions: [
        { artery: 'LAD', agatston: 100, volumeMm3: 80.13, peakHu: 612, centroidMm: [1.3, -2.3, 10.1] },
        { artery: 'LCX', agatston: 23.45, volumeMm3: 18.64, peakHu: 301, centroidMm: [30, 40, 50] },
      ],
      cacDrs: 'A2',
      category: '101-400',
      qualityFlags: ['thick-slices'],
    });
  });

  it('keeps only the largest lesions when asked, and rounds a measured mass', () => {
    const summary = summariseScore({ ...score, massMg: 12.3456 }, 1);
    expect(summary.lesions.map((l) => l.artery)).toEqual(['LAD']);
    expect(summary.massMg).toBe(12.35);
  });

  it('rounds as Math.round does', () => {
    expect(roundTo(2.345)).toBe(2.35);
    expect(roundTo(-1.25, 1)).toBe(-1.2);
    expect(roundTo(7, 0)).toBe(7);
  });
});
