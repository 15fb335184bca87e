/** The FHIR codes the risk-factor import recognises (documented in docs/api.md). */
export const SYSTEMS = {
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  atc: 'http://www.whocc.no/atc',
  icd10: ['http://hl7.org/fhir/sid/icd-10-cm', 'http://hl7.org/fhir/sid/icd-10'],
} as const;

export const LOINC = {
  totalCholesterol: '2093-3',
  hdl: '2085-9',
  systolicBp: '8480-6',
  bpPanel: '85354-9',
  smokingStatus: '72166-2',
  /** Body mass index (BMI) [Ratio], kg/m2. */
  bmi: '39156-5',
} as const;

/**
 * eGFR per 1.73 m² predicted from creatinine: 98979-8 (CKD-EPI 2021, the equation PREVENT was built with),
 * 62238-1 (CKD-EPI), 33914-3 (MDRD). As for every measurement, the newest observation of any of them wins.
 */
export const LOINC_EGFR = ['98979-8', '62238-1', '33914-3'] as const;

/** SNOMED CT answers to LOINC 72166-2 (tobacco smoking status). Unknown / never asked: no value. */
export const SMOKING_STATUS: Record<string, boolean | null> = {
  '449868002': true, // current every day smoker
  '428041000124106': true, // current some day smoker
  '77176002': true, // smoker, current status unknown
  '428071000124103': true, // current heavy tobacco smoker
  '428061000124105': true, // current light tobacco smoker
  '8517006': false, // ex-smoker
  '266919005': false, // never smoked tobacco
  '266927001': null, // tobacco smoking consumption unknown
};

export type MedicationClass = 'lipidLowering' | 'bpTreated' | 'diabetes';

/** ATC class prefixes: lipid-modifying agents, antihypertensive classes, drugs used in diabetes. */
export const ATC_PREFIXES: Array<[string, MedicationClass]> = [
  ['C10', 'lipidLowering'],
  ['C02', 'bpTreated'],
  ['C03', 'bpTreated'],
  ['C07', 'bpTreated'],
  ['C08', 'bpTreated'],
  ['C09', 'bpTreated'],
  ['A10', 'diabetes'],
];

/** RxNorm ingredient codes of common statins, ezetimibe, antihypertensives and diabetes drugs. */
export const RXNORM: Record<string, MedicationClass> = {
  '83367': 'lipidLowering', // atorvastatin
  '36567': 'lipidLowering', // simvastatin
  '301542': 'lipidLowering', // rosuvastatin
  '42463': 'lipidLowering', // pravastatin
  '6472': 'lipidLowering', // lovastatin
  '41127': 'lipidLowering', // fluvastatin
  '861634': 'lipidLowering', // pitavastatin
  '341248': 'lipidLowering', // ezetimibe
  '29046': 'bpTreated', // lisinopril
  '17767': 'bpTreated', // amlodipine
  '52175': 'bpTreated', // losartan
  '5487': 'bpTreated', // hydrochlorothiazide
  '6918': 'bpTreated', // metoprolol
  '6809': 'diabetes', // metformin
  '5856': 'diabetes', // insulin
};

export type ConditionClass = 'diabetes' | 'knownAscvd';

/** ICD-10 prefixes: diabetes mellitus; ischaemic heart disease, stroke, atherosclerosis, PAD, coronary graft/stent. */
export const ICD10_PREFIXES: Array<[string, ConditionClass]> = [
  ['E10', 'diabetes'],
  ['E11', 'diabetes'],
  ['E13', 'diabetes'],
  ['I20', 'knownAscvd'],
  ['I21', 'knownAscvd'],
  ['I22', 'knownAscvd'],
  ['I23', 'knownAscvd'],
  ['I24', 'knownAscvd'],
  ['I25', 'knownAscvd'],
  ['I63', 'knownAscvd'],
  ['I70', 'knownAscvd'],
  ['I73.9', 'knownAscvd'],
  ['Z95.1', 'knownAscvd'],
  ['Z95.5', 'knownAscvd'],
];

/** SNOMED CT condition codes. */
export const SNOMED_CONDITIONS: Record<string, ConditionClass> = {
  '73211009': 'diabetes', // diabetes mellitus
  '44054006': 'diabetes', // type 2 diabetes mellitus
  '46635009': 'diabetes', // type 1 diabetes mellitus
  '53741008': 'knownAscvd', // coronary arteriosclerosis
  '414545008': 'knownAscvd', // ischaemic heart disease
  '22298006': 'knownAscvd', // myocardial infarction
  '399211009': 'knownAscvd', // history of myocardial infarction
  '230690007': 'knownAscvd', // cerebrovascular accident
  '399957001': 'knownAscvd', // peripheral arterial occlusive disease
};
