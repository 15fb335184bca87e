-- The sweep that put a worklist item on the worklist (#15 bug 4: "Flagged 11" opened 5 items). A sweep's flagged count
-- and the worklist's sweepId filter both mean "items this sweep created". Before, the count was of flagged studies
-- (a patient with two studies counted twice) and the filter followed the item's current result (gone after a rescore).

-- AlterTable
ALTER TABLE "WorklistItem" ADD COLUMN "sweepId" TEXT;

-- Backfill: the result an item was created from is in its "worklist.flagged" audit event, and items a sweep created carry
-- that result's sweep. Items created by risk-factor reassessment keep null.
UPDATE "WorklistItem" AS w
SET "sweepId" = r."sweepId"
FROM "AuditEvent" AS e, "ScreeningResult" AS r
WHERE e."entityType" = 'WorklistItem' AND e."entityId" = w."id" AND e."action" = 'worklist.flagged'
  AND e."actor" = 'system:sweep' AND r."id" = (e."after"->>'screeningResultId');

-- Stored counts of earlier sweeps become the count the worklist filter shows.
UPDATE "Sweep" AS s
SET "flagged" = (SELECT count(*) FROM "WorklistItem" AS w WHERE w."sweepId" = s."id");

-- CreateIndex
CREATE INDEX "WorklistItem_sweepId_idx" ON "WorklistItem"("sweepId");

-- AddForeignKey
ALTER TABLE "WorklistItem" ADD CONSTRAINT "WorklistItem_sweepId_fkey" FOREIGN KEY ("sweepId") REFERENCES "Sweep"("id") ON DELETE SET NULL ON UPDATE CASCADE;
