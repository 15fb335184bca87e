/**
 * Coefficients of the AHA PREVENT base model (Khan et al., Circulation 2024;149:430-449, supplemental Table S12),
 * one logistic model per horizon, outcome and sex. Transcribed from the published table as reproduced in the SSC
 * `prevent10i` / `prevent30i` programs (Linden 2024); the values were checked against PyPI `pyprevent` 0.1.6 on the
 * preventr README example and on random inputs (test/fixtures/prevent, scripts/prevent-fixture.py).
 *
 * A term absent from a model (heart failure has no cholesterol or statin terms; only 30-year models have age²;
 * only heart failure has BMI) is 0. Predictor transforms are in prevent-terms.ts.
 */

export type PreventHorizon = 'tenYear' | 'thirtyYear';
export type PreventOutcome = 'totalCvd' | 'ascvd' | 'heartFailure';

export interface PreventCoefficients {
  age: number;
  ageSquared: number;
  nonHdl: number;
  hdl: number;
  sbpBelow110: number;
  sbpAbove110: number;
  diabetes: number;
  smoker: number;
  bmiBelow30: number;
  bmiAbove30: number;
  egfrBelow60: number;
  egfrAbove60: number;
  bpTreated: number;
  statin: number;
  bpTreatedBySbpAbove110: number;
  statinByNonHdl: number;
  ageByNonHdl: number;
  ageByHdl: number;
  ageBySbpAbove110: number;
  ageByDiabetes: number;
  ageBySmoker: number;
  ageByBmiAbove30: number;
  ageByEgfrBelow60: number;
  constant: number;
}

type Sexed = { female: PreventCoefficients; male: PreventCoefficients };

const ZERO: PreventCoefficients = {
  age: 0,
  ageSquared: 0,
  nonHdl: 0,
  hdl: 0,
  sbpBelow110: 0,
  sbpAbove110: 0,
  diabetes: 0,
  smoker: 0,
  bmiBelow30: 0,
  bmiAbove30: 0,
  egfrBelow60: 0,
  egfrAbove60: 0,
  bpTreated: 0,
  statin: 0,
  bpTreatedBySbpAbove110: 0,
  statinByNonHdl: 0,
  ageByNonHdl: 0,
  ageByHdl: 0,
  ageBySbpAbove110: 0,
  ageByDiabetes: 0,
  ageBySmoker: 0,
  ageByBmiAbove30: 0,
  ageByEgfrBelow60: 0,
  constant: 0,
};

const model = (terms: Partial<PreventCoefficients>): PreventCoefficients => Object.freeze({ ...ZERO, ...terms });

const TEN_YEAR: Record<PreventOutcome, Sexed> = {
  totalCvd: {
    female: model({
      age: 0.7939329,
      nonHdl: 0.0305239,
      hdl: -0.1606857,
      sbpBelow110: -0.2394003,
      sbpAbove110: 0.3600781,
      diabetes: 0.8667604,
      smoker: 0.5360739,
      egfrBelow60: 0.6045917,
      egfrAbove60: 0.0433769,
      bpTreated: 0.3151672,
      statin: -0.1477655,
      bpTreatedBySbpAbove110: -0.0663612,
      statinByNonHdl: 0.1197879,
      ageByNonHdl: -0.0819715,
      ageByHdl: 0.0306769,
      ageBySbpAbove110: -0.0946348,
      ageByDiabetes: -0.27057,
      ageBySmoker: -0.078715,
      ageByEgfrBelow60: -0.1637806,
      constant: -3.307728,
    }),
    male: model({
      age: 0.7688528,
      nonHdl: 0.0736174,
      hdl: -0.0954431,
      sbpBelow110: -0.4347345,
      sbpAbove110: 0.3362658,
      diabetes: 0.7692857,
      smoker: 0.4386871,
      egfrBelow60: 0.5378979,
      egfrAbove60: 0.0164827,
      bpTreated: 0.288879,
      statin: -0.1337349,
      bpTreatedBySbpAbove110: -0.0475924,
      statinByNonHdl: 0.150273,
      ageByNonHdl: -0.0517874,
      ageByHdl: 0.0191169,
      ageBySbpAbove110: -0.1049477,
      ageByDiabetes: -0.2251948,
      ageBySmoker: -0.0895067,
      ageByEgfrBelow60: -0.1543702,
      constant: -3.031168,
    }),
  },
  ascvd: {
    female: model({
      age: 0.719883,
      nonHdl: 0.1176967,
      hdl: -0.151185,
      sbpBelow110: -0.0835358,
      sbpAbove110: 0.3592852,
      diabetes: 0.8348585,
      smoker: 0.4831078,
      egfrBelow60: 0.4864619,
      egfrAbove60: 0.0397779,
      bpTreated: 0.2265309,
      statin: -0.0592374,
      bpTreatedBySbpAbove110: -0.0395762,
      statinByNonHdl: 0.0844423,
      ageByNonHdl: -0.0567839,
      ageByHdl: 0.0325692,
      ageBySbpAbove110: -0.1035985,
      ageByDiabetes: -0.2417542,
      ageBySmoker: -0.0791142,
      ageByEgfrBelow60: -0.1671492,
      constant: -3.819975,
    }),
    male: model({
      age: 0.7099847,
      nonHdl: 0.1658663,
      hdl: -0.1144285,
      sbpBelow110: -0.2837212,
      sbpAbove110: 0.3239977,
      diabetes: 0.7189597,
      smoker: 0.3956973,
      egfrBelow60: 0.3690075,
      egfrAbove60: 0.0203619,
      bpTreated: 0.2036522,
      statin: -0.0865581,
      bpTreatedBySbpAbove110: -0.0322916,
      statinByNonHdl: 0.114563,
      ageByNonHdl: -0.0300005,
      ageByHdl: 0.0232747,
      ageBySbpAbove110: -0.0927024,
      ageByDiabetes: -0.2018525,
      ageBySmoker: -0.0970527,
      ageByEgfrBelow60: -0.1217081,
      constant: -3.500655,
    }),
  },
  heartFailure: {
    female: model({
      age: 0.8998235,
      sbpBelow110: -0.4559771,
      sbpAbove110: 0.3576505,
      diabetes: 1.038346,
      smoker: 0.583916,
      bmiBelow30: -0.0072294,
      bmiAbove30: 0.2997706,
      egfrBelow60: 0.7451638,
      egfrAbove60: 0.0557087,
      bpTreated: 0.3534442,
      bpTreatedBySbpAbove110: -0.0981511,
      ageBySbpAbove110: -0.0946663,
      ageByDiabetes: -0.3581041,
      ageBySmoker: -0.1159453,
      ageByBmiAbove30: -0.003878,
      ageByEgfrBelow60: -0.1884289,
      constant: -4.310409,
    }),
    male: model({
      age: 0.8972642,
      sbpBelow110: -0.6811466,
      sbpAbove110: 0.3634461,
      diabetes: 0.923776,
      smoker: 0.5023736,
      bmiBelow30: -0.0485841,
      bmiAbove30: 0.3726929,
      egfrBelow60: 0.6926917,
      egfrAbove60: 0.0251827,
      bpTreated: 0.2980922,
      bpTreatedBySbpAbove110: -0.0497731,
      ageBySbpAbove110: -0.1289201,
      ageByDiabetes: -0.3040924,
      ageBySmoker: -0.1401688,
      ageByBmiAbove30: 0.0068126,
      ageByEgfrBelow60: -0.1797778,
      constant: -3.946391,
    }),
  },
};

const THIRTY_YEAR: Record<PreventOutcome, Sexed> = {
  totalCvd: {
    female: model({
      age: 0.5503079,
      ageSquared: -0.0928369,
      nonHdl: 0.0409794,
      hdl: -0.1663306,
      sbpBelow110: -0.1628654,
      sbpAbove110: 0.3299505,
      diabetes: 0.6793894,
      smoker: 0.3196112,
      egfrBelow60: 0.1857101,
      egfrAbove60: 0.0553528,
      bpTreated: 0.2894,
      statin: -0.075688,
      bpTreatedBySbpAbove110: -0.056367,
      statinByNonHdl: 0.1071019,
      ageByNonHdl: -0.0751438,
      ageByHdl: 0.0301786,
      ageBySbpAbove110: -0.0998776,
      ageByDiabetes: -0.3206166,
      ageBySmoker: -0.1607862,
      ageByEgfrBelow60: -0.1450788,
      constant: -1.318827,
    }),
    male: model({
      age: 0.4627309,
      ageSquared: -0.0984281,
      nonHdl: 0.0836088,
      hdl: -0.1029824,
      sbpBelow110: -0.2140352,
      sbpAbove110: 0.2904325,
      diabetes: 0.5331276,
      smoker: 0.2141914,
      egfrBelow60: 0.1155556,
      egfrAbove60: 0.0603775,
      bpTreated: 0.232714,
      statin: -0.0272112,
      bpTreatedBySbpAbove110: -0.0384488,
      statinByNonHdl: 0.134192,
      ageByNonHdl: -0.0511759,
      ageByHdl: 0.0165865,
      ageBySbpAbove110: -0.1101437,
      ageByDiabetes: -0.2585943,
      ageBySmoker: -0.1566406,
      ageByEgfrBelow60: -0.1166776,
      constant: -1.148204,
    }),
  },
  ascvd: {
    female: model({
      age: 0.4669202,
      ageSquared: -0.0893118,
      nonHdl: 0.1256901,
      hdl: -0.1542255,
      sbpBelow110: -0.0018093,
      sbpAbove110: 0.322949,
      diabetes: 0.6296707,
      smoker: 0.268292,
      egfrBelow60: 0.100106,
      egfrAbove60: 0.0499663,
      bpTreated: 0.1875292,
      statin: 0.0152476,
      bpTreatedBySbpAbove110: -0.0276123,
      statinByNonHdl: 0.0736147,
      ageByNonHdl: -0.0521962,
      ageByHdl: 0.0316918,
      ageBySbpAbove110: -0.1046101,
      ageByDiabetes: -0.2727793,
      ageBySmoker: -0.1530907,
      ageByEgfrBelow60: -0.1299149,
      constant: -1.974074,
    }),
    male: model({
      age: 0.3994099,
      ageSquared: -0.0937484,
      nonHdl: 0.1744643,
      hdl: -0.120203,
      sbpBelow110: -0.0665117,
      sbpAbove110: 0.2753037,
      diabetes: 0.4790257,
      smoker: 0.1782635,
      egfrBelow60: -0.0218789,
      egfrAbove60: 0.0602553,
      bpTreated: 0.1421182,
      statin: 0.0135996,
      bpTreatedBySbpAbove110: -0.0218265,
      statinByNonHdl: 0.1013148,
      ageByNonHdl: -0.0312619,
      ageByHdl: 0.020673,
      ageBySbpAbove110: -0.0920935,
      ageByDiabetes: -0.2159947,
      ageBySmoker: -0.1548811,
      ageByEgfrBelow60: -0.0712547,
      constant: -1.736444,
    }),
  },
  heartFailure: {
    female: model({
      age: 0.6254374,
      ageSquared: -0.0983038,
      sbpBelow110: -0.3919241,
      sbpAbove110: 0.3142295,
      diabetes: 0.8330787,
      smoker: 0.3438651,
      bmiBelow30: 0.0594874,
      bmiAbove30: 0.2525536,
      egfrBelow60: 0.2981642,
      egfrAbove60: 0.0667159,
      bpTreated: 0.333921,
      bpTreatedBySbpAbove110: -0.0893177,
      ageBySbpAbove110: -0.0974299,
      ageByDiabetes: -0.404855,
      ageBySmoker: -0.1982991,
      ageByBmiAbove30: -0.0035619,
      ageByEgfrBelow60: -0.1564215,
      constant: -2.205379,
    }),
    male: model({
      age: 0.5681541,
      ageSquared: -0.1048388,
      sbpBelow110: -0.4761564,
      sbpAbove110: 0.30324,
      diabetes: 0.6840338,
      smoker: 0.2656273,
      bmiBelow30: 0.0833107,
      bmiAbove30: 0.26999,
      egfrBelow60: 0.2541805,
      egfrAbove60: 0.0638923,
      bpTreated: 0.2583631,
      bpTreatedBySbpAbove110: -0.0391938,
      ageBySbpAbove110: -0.1269124,
      ageByDiabetes: -0.3273572,
      ageBySmoker: -0.2043019,
      ageByBmiAbove30: -0.0182831,
      ageByEgfrBelow60: -0.1342618,
      constant: -1.95751,
    }),
  },
};

export const PREVENT_BASE_COEFFICIENTS: Readonly<Record<PreventHorizon, Record<PreventOutcome, Sexed>>> = {
  tenYear: TEN_YEAR,
  thirtyYear: THIRTY_YEAR,
};
