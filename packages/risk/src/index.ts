// Public API of @cacscreen/risk: risk equations, CAC categories, the tier policy and assessRisk().
export { assessRisk, type AssessRiskOptions, type RiskAssessment } from './assess-risk';
export { assignTier, type TierContext, type TierDecision } from './assign-tier';
export {
  cacCategory,
  cacDrs,
  classicClass,
  type CacCategory,
  type CacDrs,
  type ClassicCacClass,
} from './cac-categories';
export {
  GRADED_ARTERIES,
  REFERENCE_ARTERY_LENGTH_MM,
  calciumGrades,
  estimateCalcifiedLengths,
  ordinalArteryScore,
  ordinalScore,
  visualGradeFromAgatston,
  visualGradeFromOrdinal,
  type CalciumGrades,
  type GradableLesion,
  type GradedArtery,
  type OrdinalArteryScore,
  type OrdinalScore,
  type VisualGrade,
} from './calcium-grades';
export { cacPercentileBand, type CacPercentileBand } from './cac-percentile';
export type { ValidatedRange } from './equation-inputs';
export {
  InvalidAgatstonError,
  RiskError,
  RiskInputError,
  TierPolicyError,
  type FieldIssue,
  type RiskErrorCode,
} from './errors';
export { FRAMINGHAM_2008_RANGES, framingham2008, type Framingham2008Result } from './framingham-2008';
export { MESA_CHD_RANGES, mesaChd, type MesaChdResult } from './mesa-chd';
export {
  POOLED_COHORT_RANGES,
  pooledCohort,
  pooledCohortGroup,
  type PooledCohortGroup,
  type PooledCohortResult,
} from './pooled-cohort';
export { PREVENT_RANGES, PREVENT_THIRTY_YEAR_AGE, prevent, type PreventResult, type PreventRisks } from './prevent';
export { PREVENT_BASE_COEFFICIENTS, type PreventHorizon, type PreventOutcome } from './prevent-coefficients';
export { RACES, SEXES, parseRiskInput, riskInputSchema, type Race, type RiskInput, type Sex } from './risk-input';
export {
  DEFAULT_TIER_POLICY,
  RISK_EQUATIONS,
  TIER_ORDER,
  isFlagged,
  resolveTierPolicy,
  tierRank,
  type RiskEnhancer,
  type RiskEquation,
  type ScreeningTier,
  type Tier,
  type TierPolicy,
} from './tier-policy';
export {
  ageAtStudy,
  assessStoredRisk,
  buildRiskInput,
  type PatientFacts,
  type RiskFactorRow,
  type StoredRiskAssessment,
  type StudyFacts,
} from './stored-risk';
