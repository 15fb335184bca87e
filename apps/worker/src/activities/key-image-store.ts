/** Where the inference worker puts a study's key images (PostgreSQL in production: createKeyImageStore in @cacscreen/db). */
export interface KeyImageStore {
  /** Replaces the key images of one study for one model version (idempotent: a retried analysis stores one set). */
  save(key: { studyId: string; modelVersion: string }, images: StoredKeyImage[]): Promise<void>;
}

export interface StoredKeyImage {
  rank: number;
  sliceIndex: number;
  zMm: number;
  agatston: number;
  arteries: string[];
  width: number;
  height: number;
  png: Uint8Array;
}
