-- Key images: PNGs of the slices of the largest coronary lesions of each scored study (issue 7). Additive only.
-- Generated with prisma migrate diff, except the STORAGE line at the end (hand-written).

-- CreateTable
CREATE TABLE "KeyImage" (
    "id" TEXT NOT NULL,
    "studyId" TEXT NOT NULL,
    "modelVersion" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "sliceIndex" INTEGER NOT NULL,
    "zMm" DOUBLE PRECISION NOT NULL,
    "agatston" DOUBLE PRECISION NOT NULL,
    "arteries" TEXT[],
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "png" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KeyImage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "KeyImage_studyId_modelVersion_rank_key" ON "KeyImage"("studyId", "modelVersion", "rank");

-- AddForeignKey
ALTER TABLE "KeyImage" ADD CONSTRAINT "KeyImage_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- PNG is already deflate-compressed: store it out of line without trying to compress it again.
ALTER TABLE "KeyImage" ALTER COLUMN "png" SET STORAGE EXTERNAL;
