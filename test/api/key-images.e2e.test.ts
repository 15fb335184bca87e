// Key images of a worklist item: listed and served as PNG to coordinators and up, audited, 404 when absent.
jest.setTimeout(120_000);

import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { saveKeyImages } from '@cacscreen/db';
import { startTestApi, TestApi } from './support/api-app';
import { seedKeyImages } from './support/key-images';
import { seedPatient, Seeded } from './support/seed';

/** A response body collected as bytes (supertest only buffers text and JSON by itself). */
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('key images', () => {
  let api: TestApi;
  let withImages: Seeded;
  let withoutImages: Seeded;
  const http = () => request(api.app.getHttpServer());
  const get = (key: string, path: string) => http().get(path).set('x-api-key', key);

  beforeAll(async () => {
    api = await startTestApi('cacscreen_api_key_images');
    withImages = await seedPatient(api.db, { mrn: 'KI-001', agatston: 41 });
    withoutImages = await seedPatient(api.db, { mrn: 'KI-002', agatston: 0, tier: 'high-priority' });
    await seedKeyImages(api.db, withImages.studyId);
    // The same study under another model version: never shown for this item's result.
    await seedKeyImages(api.db, withoutImages.studyId, 'another-model');
  });
  afterAll(() => api?.close());

  it('lists an item’s key images, largest lesion first, and serves each as image/png', async () => {
    const id = withImages.itemId;
    const list = await get(api.keys.coordinator, `/api/worklist/${id}/key-images`).expect(200);
    expect(list.body).toEqual({
      worklistItemId: id,
      modelVersion: 'test-1',
      items: [
        expect.objectContaining({ rank: 1, sliceIndex: 1, zMm: -47, arteries: ['LAD'], width: 120, height: 100 }),
        expect.objectContaining({ rank: 2, sliceIndex: 2, zMm: -44, arteries: ['RCA'], width: 120, height: 100 }),
      ],
    });
    expect(list.body.items[0].agatston).toBeCloseTo(9 * 4, 6);
    expect(list.body.items[0]).not.toHaveProperty('png');

    const png = await get(api.keys.coordinator, list.body.items[0].url).buffer(true).parse(binary).expect(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['cache-control']).toMatch(/no-store/);
    const body = png.body as Buffer;
    expect(body.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect([body.readUInt32BE(16), body.readUInt32BE(20)]).toEqual([120, 100]); // IHDR width, height
    const stored = await api.db.keyImage.findFirstOrThrow({ where: { studyId: withImages.studyId, rank: 1 } });
    expect(Buffer.compare(body, Buffer.from(stored.png))).toBe(0);
  });

  it('serves coordinators, leads and admins, and nobody without a key', async () => {
    const path = `/api/worklist/${withImages.itemId}/key-images`;
    for (const key of [api.keys.coordinator2, api.keys.lead, api.keys.admin]) {
      await get(key, path).expect(200);
      await get(key, `${path}/2.png`).expect(200).expect('content-type', 'image/png');
    }
    await http().get(path).expect(401);
    await http().get(`${path}/1.png`).expect(401);
    await http().get(`${path}/1.png`).set('Authorization', 'Bearer not-a-key').expect(401);
  });

  it('audits every read as the caller, and keeps the reads out of the item’s history', async () => {
    const id = withImages.itemId ?? '';
    await get(api.keys.coordinator2, `/api/worklist/${id}/key-images`).expect(200);
    await get(api.keys.coordinator2, `/api/worklist/${id}/key-images/1.png`).expect(200);
    const events = await api.db.auditEvent.findMany({ where: { entityId: id, actor: 'cody' }, orderBy: { id: 'asc' } });
    expect(events.slice(-2).map((e) => [e.action, e.entityType, e.after])).toEqual([
      ['worklist.key-images.listed', 'WorklistItem', { ranks: [1, 2] }],
      ['worklist.key-image.viewed', 'WorklistItem', { rank: 1 }],
    ]);
    const detail = await get(api.keys.coordinator, `/api/worklist/${id}`).expect(200);
    expect(detail.body.history.map((h: { action: string }) => h.action)).not.toContain('worklist.key-image.viewed');
  });

  it('answers 404 with a reason when there is no such item or image, and 400 for a malformed rank', async () => {
    const missing = await get(api.keys.coordinator, `/api/worklist/${randomUUID()}/key-images`).expect(404);
    expect(missing.body.message).toMatch(/^No worklist item /);
    await get(api.keys.coordinator, `/api/worklist/${randomUUID()}/key-images/1.png`).expect(404);

    const beyond = await get(api.keys.coordinator, `/api/worklist/${withImages.itemId}/key-images/3.png`).expect(404);
    expect(beyond.body.message).toMatch(/has no key image 3; it has 2/);
    await get(api.keys.coordinator, `/api/worklist/${withImages.itemId}/key-images/one.png`).expect(400);
    await get(api.keys.coordinator, `/api/worklist/not-a-uuid/key-images`).expect(400);

    // Agatston 0 under this item's model version: an empty list, and a 404 that says why.
    const none = await get(api.keys.coordinator, `/api/worklist/${withoutImages.itemId}/key-images`).expect(200);
    expect(none.body.items).toEqual([]);
    const absent = await get(api.keys.coordinator, `/api/worklist/${withoutImages.itemId}/key-images/1.png`).expect(
      404,
    );
    expect(absent.body.message).toMatch(/has no key images: no coronary calcium was counted/);
  });

  it('replaces a study’s set when the analysis runs again (no duplicates, no stale ranks)', async () => {
    const key = { studyId: withoutImages.studyId, modelVersion: 'rerun-model' };
    const images = await seedKeyImages(api.db, key.studyId, key.modelVersion);
    await saveKeyImages(api.db, key, images);
    expect(await api.db.keyImage.count({ where: key })).toBe(2);
    const rerun = { ...images[0], agatston: 99, arteries: ['RCA'], png: images[1].png };
    await saveKeyImages(api.db, key, [rerun]);
    const rows = await api.db.keyImage.findMany({ where: key });
    expect(rows.map(({ rank, agatston, arteries }) => ({ rank, agatston, arteries }))).toEqual([
      { rank: 1, agatston: 99, arteries: ['RCA'] },
    ]);
    expect(Buffer.compare(Buffer.from(rows[0].png), images[1].png)).toBe(0);
    await saveKeyImages(api.db, key, []);
    expect(await api.db.keyImage.count({ where: key })).toBe(0);
  });
});
