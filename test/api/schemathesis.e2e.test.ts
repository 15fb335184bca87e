// An independent fuzzer against the committed description: schemathesis (Python, from PyPI; `.ci/run` installs it in
// .cacscreen/schemathesis-venv) runs every check (`--checks all`: undocumented statuses, schema-valid requests
// refused, response schemas, content types, unsupported methods, ignored auth…) against the real API on PostgreSQL,
// once with an admin key and once with a coordinator key (for the 403s), on seeded data (one item, result and sweep
// whose IDs the operations on one resource get), with a fixed seed and a bounded number of
// examples per operation, so a run is repeatable and takes well under two minutes. The exceptions are in
// test/api/schemathesis/schemathesis.toml, each with its reason. Skipped, with a message, where schemathesis is absent.
jest.setTimeout(240_000);

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { ensureSweep } from '@cacscreen/db';
import { temporalAddress } from '../setup/services';
import { startTestApi, TestApi } from './support/api-app';
import { seedPatient } from './support/seed';

const ROOT = path.resolve(__dirname, '..', '..');
const SPEC = path.join(ROOT, 'docs', 'openapi.json');
const CONFIG = path.join(__dirname, 'schemathesis', 'schemathesis.toml');
/** Examples per operation and seed: `SCHEMATHESIS_EXAMPLES` and `SCHEMATHESIS_SEED` change them. */
const EXAMPLES = Number(process.env.SCHEMATHESIS_EXAMPLES ?? 20);
const SEED = Number(process.env.SCHEMATHESIS_SEED ?? 1);

/** The schemathesis command: $SCHEMATHESIS, the venv .ci/run makes, or one on PATH. */
function findSchemathesis(): string | null {
  const candidates = [
    process.env.SCHEMATHESIS,
    path.join(ROOT, '.cacscreen', 'schemathesis-venv', 'bin', 'schemathesis'),
    'schemathesis',
  ].filter((c): c is string => Boolean(c));
  for (const candidate of candidates) {
    const probe = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
  }
  return null;
}

const schemathesis = findSchemathesis();
if (!schemathesis) {
  console.warn(
    '[schemathesis] SKIPPED: no schemathesis. Install it (python3 -m venv .cacscreen/schemathesis-venv && ' +
      '.cacscreen/schemathesis-venv/bin/pip install schemathesis==4.32.5) or set SCHEMATHESIS.',
  );
}
const describeIfSchemathesis = schemathesis ? describe : describe.skip;

describeIfSchemathesis('schemathesis --checks all against the running API', () => {
  let api: TestApi;
  let base: string;
  let client: Client;
  let config: string;

  beforeAll(async () => {
    // Temporal answers the sweep signals (a 409: the seeded sweep has no workflow), so nothing is a 503.
    client = new Client({ connection: await Connection.connect({ address: temporalAddress() }) });
    api = await startTestApi('cacscreen_api_schemathesis', { listen: true, temporal: client });
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    const seeded = await seedPatient(api.db, { mrn: 'ST-0', agatston: 420, site: 'north' });
    for (let i = 1; i < 5; i++) await seedPatient(api.db, { mrn: `ST-${i}`, agatston: 100 + i * 80, site: 'south' });
    const sweepId = await ensureSweep(api.db, {
      workflowId: 'sweep/schemathesis',
      source: '/archive',
      modelVersion: 'm1',
    });
    // Operations on one item, result and sweep get that real ID, so they reach past the 404 to their responses.
    const ids: Array<[string, string]> = [
      ['^/api/worklist/\\{id\\}', seeded.itemId as string],
      ['^/api/results/\\{id\\}', seeded.resultId],
      ['^/api/sweeps/\\{id\\}', sweepId],
    ];
    config = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cacscreen-schemathesis-config-')), 'schemathesis.toml');
    fs.writeFileSync(
      config,
      fs.readFileSync(CONFIG, 'utf8') +
        ids
          .map(
            ([regex, id]) =>
              `\n[[operations]]\ninclude-path-regex = '${regex}'\nparameters = { "path.id" = "${id}" }\n`,
          )
          .join(''),
    );
  });

  afterAll(async () => {
    await api?.close();
    await client?.connection.close();
    if (config) fs.rmSync(path.dirname(config), { recursive: true, force: true });
  });

  /** Runs schemathesis without blocking: the API under test answers from this same process. */
  function run(header: string, examples: number): Promise<{ status: number | null; output: string }> {
    const args = [
      '--config-file',
      config,
      'run',
      SPEC,
      '--url',
      base,
      '--checks',
      'all',
      '--header',
      header,
      '--max-examples',
      String(examples),
      '--seed',
      String(SEED),
      '--workers',
      '1',
      '--generation-database',
      'none',
      '--no-color',
    ];
    return new Promise((resolve, reject) => {
      // Its cache (.schemathesis/) goes to a scratch folder, not the checkout.
      const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'cacscreen-schemathesis-'));
      const child = spawn(schemathesis as string, args, {
        cwd,
        env: { ...process.env, SCHEMATHESIS_TELEMETRY: 'false' },
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      const timer = setTimeout(() => child.kill('SIGKILL'), 200_000);
      child.on('error', reject);
      child.on('close', (status) => {
        clearTimeout(timer);
        fs.rmSync(cwd, { recursive: true, force: true });
        resolve({ status, output });
      });
    });
  }

  it.each([
    ['an admin key', () => `x-api-key: ${api.keys.admin}`, EXAMPLES],
    ['a coordinator key (403 on lead and admin operations)', () => `x-api-key: ${api.keys.coordinator}`, 5],
  ])('finds no failure with %s', async (_name, header, examples) => {
    const { status, output } = await run(header(), examples);
    if (status !== 0) console.log(output.slice(-12_000));
    expect(output).toMatch(/Operations:\s+21 selected \/ 22 total/);
    expect(status).toBe(0);
  });
});

describe('methods a path does not answer', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('cacscreen_api_methods', { listen: true });
  });
  afterAll(() => api?.close());

  it('are a 405 with the allowed ones in Allow, not a 404 (TRACE, DELETE); unknown paths stay 404', async () => {
    const base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    const trace = await fetch(`${base}/api/health`, { method: 'TRACE' }).catch(() => null);
    // fetch refuses TRACE itself in some runtimes: use DELETE then, which takes the same path through the API.
    const refused = trace ?? (await fetch(`${base}/api/health`, { method: 'DELETE' }));
    expect(refused.status).toBe(405);
    expect(refused.headers.get('allow')).toBe('GET');
    const item = await fetch(`${base}/api/worklist/00000000-0000-4000-8000-000000000000`, {
      method: 'DELETE',
      headers: { 'x-api-key': api.keys.admin },
    });
    expect(item.status).toBe(405);
    expect(item.headers.get('allow')).toBe('GET, PATCH');
    expect(await item.json()).toMatchObject({ statusCode: 405, error: 'METHOD_NOT_ALLOWED' });
    expect((await fetch(`${base}/api/nothing-here`, { method: 'DELETE' })).status).toBe(404);
    expect((await fetch(`${base}/api/health`, { method: 'HEAD' })).status).toBe(200);
  });
});
