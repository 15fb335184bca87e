import type { KeyImageKey, KeyImageRecord } from '@cacscreen/db';

/** Where the inference worker puts a study's key images (PostgreSQL in production: createKeyImageStore in @cacscreen/db). */
export interface KeyImageStore {
  /** Replaces the key images of one study for one model version (idempotent: a retried analysis stores one set). */
  save(key: KeyImageKey, images: KeyImageRecord[]): Promise<void>;
}

/** A key image as the store takes it: the database's record (rendered by @cacscreen/scoring's renderKeyImages). */
export type StoredKeyImage = KeyImageRecord;
