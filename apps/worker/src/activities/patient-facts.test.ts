import { parseDicomAge, parseDicomDate } from './patient-facts';

describe('DICOM date and age parsing', () => {
  it('reads DA values as UTC dates and refuses malformed ones', () => {
    expect(parseDicomDate('20240229')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(parseDicomDate(' 19600105 ')?.toISOString()).toBe('1960-01-05T00:00:00.000Z');
    expect(parseDicomDate('2024-02-29')).toBeNull();
    expect(parseDicomDate('')).toBeNull();
    expect(parseDicomDate(undefined)).toBeNull();
  });

  it('reads AS values in years; ages given in days, weeks or months are under one year', () => {
    expect(parseDicomAge('063Y')).toBe(63);
    expect(parseDicomAge('011M')).toBe(0);
    expect(parseDicomAge('63')).toBeNull();
    expect(parseDicomAge(null)).toBeNull();
  });
});
