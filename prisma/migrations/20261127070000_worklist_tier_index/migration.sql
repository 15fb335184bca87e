-- Worklist filtered by tier and sorted by priority (issue 7 benchmark).

-- CreateIndex
CREATE INDEX "WorklistItem_tier_priority_agatstonTotal_id_idx" ON "WorklistItem"("tier", "priority", "agatstonTotal" DESC, "id");

