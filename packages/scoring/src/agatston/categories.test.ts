import { cacCategory, cacDrs, classicClass } from './categories';

describe('cacCategory (0 / 1–99 / 100–299 / ≥300)', () => {
  it.each([
    [0, '0'],
    [0.4, '1-99'], // any calcium is not zero
    [99.9, '1-99'],
    [100, '100-299'],
    [299.99, '100-299'],
    [300, '>=300'],
    [2500, '>=300'],
  ])('%f → %s', (total, expected) => expect(cacCategory(total)).toBe(expected));
});

describe('classicClass (0 / 1–10 / 11–100 / 101–400 / >400)', () => {
  it.each([
    [0, '0'],
    [1, '1-10'],
    [10, '1-10'],
    [10.01, '11-100'],
    [100, '11-100'],
    [101, '101-400'],
    [400, '101-400'],
    [400.1, '>400'],
  ])('%f → %s', (total, expected) => expect(classicClass(total)).toBe(expected));
});

describe('cacDrs', () => {
  it('adds the number of vessels with calcium', () => {
    expect(cacDrs(150, { LM: 0, LAD: 100, LCX: 50, RCA: 0 })).toEqual({
      category: '2',
      vessels: 2,
      label: 'CAC-DRS A2/N2',
    });
    expect(cacDrs(420, { LM: 20, LAD: 200, LCX: 100, RCA: 100 })).toEqual({
      category: '3',
      vessels: 4,
      label: 'CAC-DRS A3/N4',
    });
    expect(cacDrs(12, { LM: 0, LAD: 0, LCX: 0, RCA: 12 }).label).toBe('CAC-DRS A1/N1');
  });

  it('has no N modifier at zero', () => {
    expect(cacDrs(0, { LM: 0, LAD: 0, LCX: 0, RCA: 0 })).toEqual({ category: '0', vessels: 0, label: 'CAC-DRS A0' });
  });

  it('rejects negative or non-numeric scores', () => {
    expect(() => cacCategory(-1)).toThrow(
      expect.objectContaining({
        code: 'INVALID_SCORE',
        message: 'An Agatston score must be a finite number >= 0, got -1',
      }),
    );
    expect(() => classicClass(Number.NaN)).toThrow(expect.objectContaining({ code: 'INVALID_SCORE' }));
  });
});
