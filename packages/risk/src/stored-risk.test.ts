import { ageAtStudy, buildRiskInput } from './stored-risk';

const noFactors = null;

describe('risk inputs from what is on file', () => {
  it('prefers the DICOM age, else counts whole years from birth date to study date', () => {
    const study = { ageAtStudy: null, studyDate: new Date('2024-06-10T00:00:00Z') };
    expect(ageAtStudy({ sex: 'M', birthDate: new Date('1960-06-11T00:00:00Z') }, study)).toBe(63); // day before the birthday
    expect(ageAtStudy({ sex: 'M', birthDate: new Date('1960-06-10T00:00:00Z') }, study)).toBe(64); // on the birthday
    expect(ageAtStudy({ sex: 'M', birthDate: new Date('1960-06-10T00:00:00Z') }, { ...study, ageAtStudy: 70 })).toBe(
      70,
    );
    expect(ageAtStudy({ sex: 'M', birthDate: null }, { ageAtStudy: null, studyDate: null })).toBeUndefined();
  });

  it('maps DICOM sex codes and leaves unknown values out rather than guessing', () => {
    const study = { ageAtStudy: 60, studyDate: null };
    expect(buildRiskInput({ sex: 'F', birthDate: null }, study, noFactors, 12).sex).toBe('female');
    expect(buildRiskInput({ sex: 'M', birthDate: null }, study, noFactors, 12).sex).toBe('male');
    const unknown = buildRiskInput({ sex: 'O', birthDate: null }, study, noFactors, 12);
    expect(unknown.sex).toBeUndefined();
    expect(unknown.totalCholesterol).toBeUndefined();
    expect(unknown.cac).toBe(12);
  });

  it('carries the stored risk factors through, turning database nulls into absent values', () => {
    const factors = {
      race: 'black',
      totalCholesterol: 213,
      hdl: 50,
      systolicBp: 120,
      bmi: 31.5,
      egfr: null,
      bpTreated: false,
      smoker: null,
      diabetes: false,
      lipidLowering: false,
      familyHistory: null,
      knownAscvd: false,
    };
    const input = buildRiskInput({ sex: 'M', birthDate: null }, { ageAtStudy: 55, studyDate: null }, factors, 0);
    expect(input).toMatchObject({
      age: 55,
      sex: 'male',
      race: 'black',
      totalCholesterol: 213,
      hdl: 50,
      systolicBp: 120,
      bmi: 31.5,
      cac: 0,
    });
    expect(input.egfr).toBeUndefined();
    expect(input.smoker).toBeUndefined();
    expect(input.familyHistory).toBeUndefined();
  });
});
