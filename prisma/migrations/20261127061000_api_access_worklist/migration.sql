-- API keys, worklist notes and the indexes the worklist filters and sorts use (issue 7). Additive only.

-- CreateTable
CREATE TABLE "WorklistNote" (
    "id" TEXT NOT NULL,
    "worklistItemId" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorklistNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WorklistNote_worklistItemId_createdAt_idx" ON "WorklistNote"("worklistItemId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_name_key" ON "ApiKey"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");

-- CreateIndex
CREATE INDEX "Patient_site_idx" ON "Patient"("site");

-- CreateIndex
CREATE INDEX "Study_patientId_idx" ON "Study"("patientId");

-- CreateIndex
CREATE INDEX "Study_ageAtStudy_idx" ON "Study"("ageAtStudy");

-- CreateIndex
CREATE INDEX "Study_studyDate_idx" ON "Study"("studyDate");

-- CreateIndex
CREATE INDEX "WorklistItem_priority_agatstonTotal_id_idx" ON "WorklistItem"("priority", "agatstonTotal" DESC, "id");

-- CreateIndex
CREATE INDEX "WorklistItem_agatstonTotal_id_idx" ON "WorklistItem"("agatstonTotal" DESC, "id");

-- CreateIndex
CREATE INDEX "WorklistItem_createdAt_id_idx" ON "WorklistItem"("createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "WorklistItem_patientId_idx" ON "WorklistItem"("patientId");

-- CreateIndex
CREATE INDEX "WorklistItem_screeningResultId_idx" ON "WorklistItem"("screeningResultId");

-- CreateIndex
CREATE INDEX "WorklistItem_assignee_status_idx" ON "WorklistItem"("assignee", "status");

-- CreateIndex
CREATE INDEX "AuditEvent_actor_at_idx" ON "AuditEvent"("actor", "at");

-- AddForeignKey
ALTER TABLE "WorklistNote" ADD CONSTRAINT "WorklistNote_worklistItemId_fkey" FOREIGN KEY ("worklistItemId") REFERENCES "WorklistItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

