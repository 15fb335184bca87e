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
 * Stores a study's key images for one model version, replacing any earlier set in one transaction: each rank is
 * upserted and ranks the new set lacks are deleted. Idempotent, so a retried analysis leaves exactly one set.
 */
export async function saveKeyImages(db: Db, key: KeyImageKey, images: KeyImageRecord[]): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.keyImage.deleteMany({ where: { ...key, rank: { notIn: images.map((image) => image.rank) } } });
    for (const image of images) {
      // Prisma's Bytes wants a Uint8Array over a plain ArrayBuffer; a copy of a few tens of kB settles the type.
      const data = { ...image, png: Uint8Array.from(image.png) };
      await tx.keyImage.upsert({
        where: { studyId_modelVersion_rank: { ...key, rank: image.rank } },
        create: { ...key, ...data },
        update: data,
      });
    }
  });
}

/** The worker's KeyImageStore, backed by PostgreSQL. */
export function createKeyImageStore(db: Db) {
  return {
    save: (key: KeyImageKey, images: KeyImageRecord[]): Promise<void> => saveKeyImages(db, key, images),
  };
}
