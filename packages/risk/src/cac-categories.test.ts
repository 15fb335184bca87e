import { cacCategory, cacDrs, classicClass } from './cac-categories';
import { InvalidAgatstonError } from './errors';

describe('CAC categories', () => {
  it.each([
    [0, '0', '0'],
    [0.4, '1', '1-99'],
    [1, '1', '1-99'],
    [99, '1', '1-99'],
    [99.9, '1', '1-99'],
    [100, '2', '100-299'],
    [299, '2', '100-299'],
    [300, '3', '>=300'],
    [5000, '3', '>=300'],
  ])('Agatston %d → CAC-DRS %s, category %s', (agatston, drs, category) => {
    expect(cacDrs(agatston)).toBe(drs);
    expect(cacCategory(agatston)).toBe(category);
  });

  it.each([
    [0, 0],
    [1, 1],
    [10, 1],
    [10.5, 2],
    [11, 2],
    [100, 2],
    [101, 3],
    [400, 3],
    [401, 4],
  ])('Agatston %d → classic class %d', (agatston, expected) => {
    expect(classicClass(agatston)).toBe(expected);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects %d with a typed error', (bad) => {
    expect(() => cacDrs(bad)).toThrow(InvalidAgatstonError);
    expect(() => classicClass(bad)).toThrow(`Agatston score must be a finite number ≥ 0, got ${bad}`);
  });
});
