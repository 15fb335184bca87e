-- Why a sweep ended as failed (an archive that stayed unreachable past the sweep's listing timeout).
ALTER TABLE "Sweep" ADD COLUMN "error" TEXT;
