// Starting and steering sweeps through the API, against real Temporal, PostgreSQL and workers.
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { createApiApp } from '@cacscreen/api';
import type { Db } from '@cacscreen/db';
import { generateArchive } from '@cacscreen/phantom';
import { RunningWorkers, startWorkers, workerConfigFromEnv } from '@cacscreen/worker';
import { freshDatabase, temporalAddress, uniqueTaskQueuePrefix } from '../setup/services';
import { seedKey } from './support/seed';

const STUDIES = 6;
const poll = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('sweeps started, paused, resumed and cancelled through the API', () => {
  let archiveDir: string;
  let db: Db;
  let app: INestApplication;
  let client: Client;
  let workers: RunningWorkers;
  let lead: string;
  let coordinator: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    archiveDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cacscreen-api-sweeps-'));
    await generateArchive(path.join(archiveDir, 'first'), {
      studies: STUDIES,
      seed: 5150,
      matrix: 128,
      pixelSpacingMm: 2.8,
      coverageMm: 120,
      sliceThicknessMm: 3,
    });
    const database = await freshDatabase('cacscreen_api_sweep_control');
    db = database.db;
    const taskQueuePrefix = uniqueTaskQueuePrefix('api-sweeps');
    process.env.CACSCREEN_TASK_QUEUE_PREFIX = taskQueuePrefix;
    workers = await startWorkers(
      workerConfigFromEnv({ databaseUrl: database.url, temporalAddress: temporalAddress(), taskQueuePrefix }),
      ['screening', 'inference'],
    );
    client = new Client({ connection: await Connection.connect({ address: temporalAddress() }) });
    app = await createApiApp({ db, temporal: client, config: {} }, { logger: false });
    await app.init();
    lead = await seedKey(db, 'lena', 'lead');
    coordinator = await seedKey(db, 'carla', 'coordinator');
  });

  afterAll(async () => {
    delete process.env.CACSCREEN_TASK_QUEUE_PREFIX;
    await app?.close();
    await workers?.shutdown();
    await client?.connection.close();
    await db?.$disconnect();
    fs.rmSync(archiveDir, { recursive: true, force: true });
  });

  const getSweep = async (id: string) =>
    (await http().get(`/api/sweeps/${id}`).set('x-api-key', coordinator).expect(200)).body;

  async function waitFor(id: string, done: (sweep: { status: string; live: { status: string } | null }) => boolean) {
    for (let i = 0; i < 600; i++) {
      const sweep = await getSweep(id);
      if (done(sweep)) return sweep;
      await poll(200);
    }
    throw new Error(`sweep ${id} never reached the expected state`);
  }

  it('lets only leads start sweeps, and names a bad field', async () => {
    await http().post('/api/sweeps').set('x-api-key', coordinator).send({ source: archiveDir }).expect(403);
    const bad = await http()
      .post('/api/sweeps')
      .set('x-api-key', lead)
      .send({ source: 'relative/dir', maxInFlight: 0 })
      .expect(400);
    expect(bad.body.issues.map((i: { field: string }) => i.field).sort()).toEqual(['maxInFlight', 'source']);
  });

  it('refuses, with the reason, an archive that does not exist or does not answer (#15: it was accepted and retried)', async () => {
    const sweepsBefore = await db.sweep.count();
    const refused = async (source: string) =>
      (await http().post('/api/sweeps').set('x-api-key', lead).send({ source }).expect(400)).body.message as string;
    expect(await refused(path.join(archiveDir, 'no-such-folder'))).toMatch(/does not exist on this machine/);
    const file = path.join(archiveDir, 'not-a-folder.txt');
    fs.writeFileSync(file, 'x');
    expect(await refused(file)).toMatch(/is a file, not a folder/);
    // Port 9 (discard) on loopback: nothing listens there.
    expect(await refused('http://127.0.0.1:9/dicom-web')).toMatch(/The archive cannot be swept: .*127\.0\.0\.1:9/);
    expect(await db.sweep.count()).toBe(sweepsBefore);
  });

  it('pauses a sweep (no new studies start), resumes it to the end, and audits each step', async () => {
    const started = await http()
      .post('/api/sweeps')
      .set('x-api-key', lead)
      .send({ source: path.join(archiveDir, 'first'), maxInFlight: 1, pageSize: 3 })
      .expect(201);
    const { id } = started.body as { id: string };
    await http().post(`/api/sweeps/${id}/pause`).set('x-api-key', lead).expect(202);
    await waitFor(id, (s) => s.live?.status === 'paused');
    // The API keeps no sweep state: a restarted API sees the same paused sweep.
    await app.close();
    app = await createApiApp({ db, temporal: client, config: {} }, { logger: false });
    await app.init();
    const paused = await waitFor(id, (s) => s.live?.status === 'paused');
    await poll(3000); // at most the one in-flight study may finish while paused
    const results = await db.screeningResult.count();
    await poll(2000);
    expect(await db.screeningResult.count()).toBe(results);
    expect(results).toBeLessThan(STUDIES);
    // The sweep's status says paused, in the API and in the stored row that `cacscreen sweeps list` prints.
    expect(paused.status).toBe('paused');
    expect((await db.sweep.findUnique({ where: { id } }))?.status).toBe('paused');

    await http().post(`/api/sweeps/${id}/resume`).set('x-api-key', lead).expect(202);
    const finished = await waitFor(id, (s) => s.status === 'completed');
    expect(finished.counters).toMatchObject({ seen: STUDIES, screened: STUDIES, failed: 0 });
    expect(await db.screeningResult.count()).toBe(STUDIES);
    const audit = await db.auditEvent.findMany({
      where: { entityType: 'Sweep', entityId: id },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((event) => [event.actor, event.action])).toEqual([
      ['lena', 'sweep.started'],
      ['lena', 'sweep.pause'],
      ['lena', 'sweep.resume'],
    ]);
  });

  it('cancels a paused sweep, which then ends as cancelled', async () => {
    const secondArchive = path.join(archiveDir, 'second');
    await generateArchive(secondArchive, {
      studies: STUDIES,
      seed: 5151,
      matrix: 128,
      pixelSpacingMm: 2.8,
      coverageMm: 120,
      sliceThicknessMm: 3,
    });
    const { body } = await http()
      .post('/api/sweeps')
      .set('x-api-key', lead)
      .send({ source: secondArchive, maxInFlight: 1, pageSize: 100 })
      .expect(201);
    await http().post(`/api/sweeps/${body.id}/pause`).set('x-api-key', lead).expect(202);
    await waitFor(body.id, (s) => s.live?.status === 'paused');
    await http().post(`/api/sweeps/${body.id}/cancel`).set('x-api-key', lead).expect(202);
    const cancelled = await waitFor(body.id, (s) => s.status === 'cancelled');
    expect(cancelled.counters.screened).toBeLessThan(STUDIES);
    await http().post(`/api/sweeps/${body.id}/stop`).set('x-api-key', lead).expect(400);
  });

  describe('an archive that answers the start-up check, then stops answering', () => {
    let server: Server;
    let base: string;

    beforeAll(async () => {
      // The one-study search of the start-up check succeeds; every real page listing gets 503.
      server = createServer((req, res) => {
        const probe = new URL(req.url ?? '/', 'http://x').searchParams.get('limit') === '1';
        res.writeHead(probe ? 200 : 503, { 'content-type': 'application/dicom+json' });
        res.end(probe ? '[]' : 'archive down for maintenance');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dicom-web`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('fails the sweep after its archive timeout, with the error on the sweep', async () => {
      const { body } = await http()
        .post('/api/sweeps')
        .set('x-api-key', lead)
        .send({ source: base, archiveTimeoutSeconds: 10 })
        .expect(201);
      const failed = await waitFor(body.id, (s) => s.status === 'failed');
      expect(failed.error).toMatch(/HTTP 503: archive down for maintenance/);
      expect(failed.finishedAt).not.toBeNull();
    });

    it('ends a cancelled sweep at once, even while its listing is still retrying (it stayed "cancelling")', async () => {
      const { body } = await http().post('/api/sweeps').set('x-api-key', lead).send({ source: base }).expect(201);
      await poll(3000); // the listing has failed and is retrying
      const cancelAt = Date.now();
      await http().post(`/api/sweeps/${body.id}/cancel`).set('x-api-key', lead).expect(202);
      await waitFor(body.id, (s) => s.status === 'cancelled');
      expect(Date.now() - cancelAt).toBeLessThan(30_000);
    });
  });
});
