-- Worklist filters and sorts without joins (issue 7 benchmark): the site of the patient and the age and date of the study are
-- copied onto each worklist item, kept in line by triggers, and indexed for the filter and sort combinations.
-- Generated with `prisma migrate diff`, then the backfill, the triggers and NULLS LAST on the sort indexes by hand.
-- The migration runner (Prisma's pg driver adapter) splits a script at every semicolon, even inside a function body,
-- so the trigger functions are E'' strings that write each of their semicolons as \073.

-- AlterTable
ALTER TABLE "WorklistItem" ADD COLUMN     "ageAtStudy" INTEGER,
ADD COLUMN     "site" TEXT,
ADD COLUMN     "studyDate" DATE;

-- Backfill existing items from their patient and the study of their result.
UPDATE "WorklistItem" AS w
SET "site" = p."site", "ageAtStudy" = s."ageAtStudy", "studyDate" = s."studyDate"
FROM "Patient" AS p, "ScreeningResult" AS r, "Study" AS s
WHERE p."id" = w."patientId" AND r."id" = w."screeningResultId" AND s."id" = r."studyId";

-- The copies are derived, never written directly: whenever an item is inserted, moved to another patient or result,
-- or its copies are written, they are set again from the patient and the study of the result.
CREATE FUNCTION "worklist_item_copy_filters"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  NEW."site" := (SELECT p."site" FROM "Patient" AS p WHERE p."id" = NEW."patientId")\073
  SELECT s."ageAtStudy", s."studyDate" INTO NEW."ageAtStudy", NEW."studyDate"
  FROM "ScreeningResult" AS r JOIN "Study" AS s ON s."id" = r."studyId"
  WHERE r."id" = NEW."screeningResultId"\073
  RETURN NEW\073
END\073
';

CREATE TRIGGER "WorklistItem_copy_filters"
BEFORE INSERT OR UPDATE OF "patientId", "screeningResultId", "site", "ageAtStudy", "studyDate" ON "WorklistItem"
FOR EACH ROW EXECUTE FUNCTION "worklist_item_copy_filters"();

-- A new site of a patient reaches their items.
CREATE FUNCTION "worklist_item_follow_patient"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  UPDATE "WorklistItem" SET "site" = NEW."site" WHERE "patientId" = NEW."id"\073
  RETURN NULL\073
END\073
';

CREATE TRIGGER "Patient_worklist_site"
AFTER UPDATE OF "site" ON "Patient"
FOR EACH ROW WHEN (OLD."site" IS DISTINCT FROM NEW."site")
EXECUTE FUNCTION "worklist_item_follow_patient"();

-- A corrected age or date of a study (a re-read archive) reaches the items of its results.
CREATE FUNCTION "worklist_item_follow_study"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  UPDATE "WorklistItem" AS w SET "ageAtStudy" = NEW."ageAtStudy", "studyDate" = NEW."studyDate"
  FROM "ScreeningResult" AS r
  WHERE r."studyId" = NEW."id" AND w."screeningResultId" = r."id"\073
  RETURN NULL\073
END\073
';

CREATE TRIGGER "Study_worklist_age_date"
AFTER UPDATE OF "ageAtStudy", "studyDate" ON "Study"
FOR EACH ROW WHEN (OLD."ageAtStudy" IS DISTINCT FROM NEW."ageAtStudy" OR OLD."studyDate" IS DISTINCT FROM NEW."studyDate")
EXECUTE FUNCTION "worklist_item_follow_study"();

-- A result moved to another study (not done today) takes the copies on its items along.
CREATE FUNCTION "worklist_item_follow_result"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  UPDATE "WorklistItem" AS w SET "ageAtStudy" = s."ageAtStudy", "studyDate" = s."studyDate"
  FROM "Study" AS s
  WHERE s."id" = NEW."studyId" AND w."screeningResultId" = NEW."id"\073
  RETURN NULL\073
END\073
';

CREATE TRIGGER "ScreeningResult_worklist_study"
AFTER UPDATE OF "studyId" ON "ScreeningResult"
FOR EACH ROW WHEN (OLD."studyId" IS DISTINCT FROM NEW."studyId")
EXECUTE FUNCTION "worklist_item_follow_result"();

-- CreateIndex
CREATE INDEX "WorklistItem_site_tier_ageAtStudy_idx" ON "WorklistItem"("site", "tier", "ageAtStudy");

-- CreateIndex
CREATE INDEX "WorklistItem_site_ageAtStudy_idx" ON "WorklistItem"("site", "ageAtStudy");

-- CreateIndex (NULLS LAST by hand: the age and study-date sorts put unknown values last)
CREATE INDEX "WorklistItem_ageAtStudy_id_idx" ON "WorklistItem"("ageAtStudy" DESC NULLS LAST, "id");

-- CreateIndex (NULLS LAST by hand, as above)
CREATE INDEX "WorklistItem_studyDate_id_idx" ON "WorklistItem"("studyDate" DESC NULLS LAST, "id");
