import { randomUUID } from 'node:crypto';
import { Prisma } from './generated/client';
import type { Db } from './client';

/** One key image as stored: metadata and the PNG bytes (see packages/scoring/src/key-images). */
export interface KeyImageRecord {
  /** 1 = the slice of the largest lesion. */
  rank: number;
  sliceIndex: number;
  zMm: number;
  agatston: number;
  arteries: string[];
  width: number;
  height: number;
  png: Uint8Array;
}

/** Key images belong to one study as screened by one model version. */
export interface KeyImageKey {
  studyId: string;
  modelVersion: string;
}

/**
 * Stores a study's key images for one model version, replacing any earlier set: ranks the new set lacks are deleted
 * and each rank is upserted. Idempotent, so a retried analysis leaves exactly one set.
 *
 * One SQL statement, so it is atomic without a transaction: when the connection dies during a PostgreSQL restart,
 * Prisma does not release a transaction's pooled connection if its COMMIT or ROLLBACK fails, and the pool then never
 * finishes closing. The inference worker writes these while the database may be restarting.
 */
export async function saveKeyImages(db: Db, key: KeyImageKey, images: KeyImageRecord[]): Promise<void> {
  const ranks = images.map((image) => image.rank);
  const stale = Prisma.sql`DELETE FROM "KeyImage"
    WHERE "studyId" = ${key.studyId} AND "modelVersion" = ${key.modelVersion} AND NOT ("rank" = ANY(${ranks}::int[]))`;
  if (images.length === 0) {
    await db.$executeRaw(stale);
    return;
  }
  const rows = images.map(
    (image) => Prisma.sql`(${randomUUID()}, ${key.studyId}, ${key.modelVersion}, ${image.rank}, ${image.sliceIndex},
      ${image.zMm}, ${image.agatston}, ${image.arteries}::text[], ${image.width}, ${image.height},
      ${Buffer.from(image.png.buffer, image.png.byteOffset, image.png.byteLength)}, now())`,
  );
  await db.$executeRaw`WITH stale AS (${stale})
    INSERT INTO "KeyImage"
      ("id", "studyId", "modelVersion", "rank", "sliceIndex", "zMm", "agatston", "arteries", "width", "height", "png",
       "updatedAt")
    VALUES ${Prisma.join(rows)}
    ON CONFLICT ("studyId", "modelVersion", "rank") DO UPDATE SET
      "sliceIndex" = EXCLUDED."sliceIndex", "zMm" = EXCLUDED."zMm", "agatston" = EXCLUDED."agatston",
      "arteries" = EXCLUDED."arteries", "width" = EXCLUDED."width", "height" = EXCLUDED."height",
      "png" = EXCLUDED."png", "updatedAt" = now()`;
}

/** The worker's KeyImageStore, backed by PostgreSQL. */
export function createKeyImageStore(db: Db) {
  return {
    save: (key: KeyImageKey, images: KeyImageRecord[]): Promise<void> => saveKeyImages(db, key, images),
  };
}
