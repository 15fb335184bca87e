-- Warnings of a screening (derived UIDs, resampled tilted series, uneven spacing, heart not found). Additive only:
-- existing rows get an empty list.

-- AlterTable
ALTER TABLE "ScreeningResult" ADD COLUMN     "warnings" TEXT[] DEFAULT ARRAY[]::TEXT[];
