-- PREVENT inputs on the risk factors (BMI in kg/m2, eGFR in mL/min/1.73 m2) and the PREVENT risks and the
-- approximate MESA percentile on each risk assessment. Additive only: existing rows get NULL.

-- AlterTable
ALTER TABLE "RiskFactors" ADD COLUMN     "bmi" DOUBLE PRECISION,
ADD COLUMN     "egfr" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "RiskAssessment" ADD COLUMN     "cacPercentile" JSONB,
ADD COLUMN     "prevent" JSONB;
