import { RiskInputError } from './errors';
import { parseRiskInput } from './risk-input';

function issuesOf(value: unknown) {
  try {
    parseRiskInput(value);
  } catch (error) {
    expect(error).toBeInstanceOf(RiskInputError);
    return (error as RiskInputError).issues;
  }
  throw new Error('expected parseRiskInput to throw');
}

describe('parseRiskInput', () => {
  it('accepts a complete input and an empty one', () => {
    const full = {
      age: 60,
      sex: 'male',
      race: 'white',
      totalCholesterol: 200,
      hdl: 50,
      systolicBp: 130,
      bpTreated: false,
      smoker: false,
      diabetes: false,
      lipidLowering: false,
      familyHistory: false,
      knownAscvd: false,
      cac: 0,
    };
    expect(parseRiskInput(full)).toEqual(full);
    expect(parseRiskInput({})).toEqual({});
  });

  it('normalises the case of sex and race', () => {
    expect(parseRiskInput({ sex: ' Female', race: 'BLACK' })).toEqual({ sex: 'female', race: 'black' });
  });

  it('keeps out-of-range but plausible values (the equations refuse them, not the schema)', () => {
    expect(parseRiskInput({ age: 90, hdl: 150 })).toEqual({ age: 90, hdl: 150 });
  });

  it('names each bad field with its unit', () => {
    expect(issuesOf({ age: 'sixty', hdl: -3, cac: -1, smoker: 'yes', sex: 'x', race: 'martian' })).toEqual([
      { field: 'age', message: 'age must be a number (years)' },
      { field: 'sex', message: 'sex must be one of male, female' },
      { field: 'race', message: 'race must be one of white, black, hispanic, chinese, other' },
      { field: 'hdl', message: 'hdl must be > 0 mg/dL' },
      { field: 'smoker', message: 'smoker must be true or false' },
      { field: 'cac', message: 'cac must be ≥ 0 (Agatston score)' },
    ]);
  });

  it('rejects non-finite numbers', () => {
    expect(issuesOf({ systolicBp: Number.POSITIVE_INFINITY })).toEqual([
      { field: 'systolicBp', message: 'systolicBp must be a finite number (mmHg)' },
    ]);
  });

  it('rejects unknown keys by name, so a typo is not silently a missing input', () => {
    expect(issuesOf({ hdlCholesterol: 50 })).toEqual([
      { field: 'hdlCholesterol', message: 'hdlCholesterol is not a risk input' },
    ]);
  });

  it('puts every issue in the error message', () => {
    expect(() => parseRiskInput({ age: -1, totalCholesterol: 0 })).toThrow(
      'Invalid risk input: age: age must be ≥ 0 years; totalCholesterol: totalCholesterol must be > 0 mg/dL',
    );
  });
});
