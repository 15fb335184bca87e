-- Warnings of a screening (derived UIDs, resampled tilted series, uneven spacing). Additive only; old rows get '{}'.

-- AlterTable
ALTER TABLE "ScreeningResult" ADD COLUMN     "warnings" TEXT[] DEFAULT ARRAY[]::TEXT[];
