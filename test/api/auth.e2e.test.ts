// Access control: API keys, roles allowed and refused on every route family, the bootstrap admin, key management.
jest.setTimeout(120_000);

import request from 'supertest';
import { ADMIN_KEY, startTestApi, TestApi } from './support/api-app';
import { seedPatient, Seeded } from './support/seed';

describe('API keys and roles', () => {
  let api: TestApi;
  let seeded: Seeded;
  const http = () => request(api.app.getHttpServer());

  beforeAll(async () => {
    api = await startTestApi('cacscreen_api_auth');
    seeded = await seedPatient(api.db, { mrn: 'AUTH-001' });
  });
  afterAll(() => api?.close());

  it('keeps health public and refuses everything else without a key', async () => {
    await http().get('/api/health').expect(200);
    const refused = await http().get('/api/worklist').expect(401);
    expect(refused.body).toMatchObject({
      statusCode: 401,
      error: 'UNAUTHORIZED',
      message: expect.stringContaining('Bearer'),
    });
    expect(refused.body.correlationId).toEqual(expect.any(String));
    await http().get('/api/worklist').set('Authorization', 'Bearer not-a-key').expect(401);
    // A malformed Authorization header is refused even beside a valid x-api-key (schemathesis: ignored_auth).
    const malformed = await http()
      .get('/api/worklist')
      .set('Authorization', 'Basic dXNlcjpwYXNz')
      .set('x-api-key', api.keys.coordinator)
      .expect(401);
    expect(malformed.body.message).toBe('The Authorization header must be "Bearer <key>"');
    await http().get('/api/worklist').set('Authorization', '').set('x-api-key', api.keys.coordinator).expect(401);
  });

  it('accepts a key as a Bearer token or as x-api-key, and echoes the correlation ID', async () => {
    await http().get('/api/worklist').set('Authorization', `Bearer ${api.keys.coordinator}`).expect(200);
    const response = await http()
      .get('/api/worklist')
      .set('x-api-key', api.keys.coordinator)
      .set('x-correlation-id', 'trace-123')
      .expect(200);
    expect(response.headers['x-correlation-id']).toBe('trace-123');
    const audit = await api.db.auditEvent.findFirst({ where: { correlationId: 'trace-123' } });
    expect(audit).toMatchObject({ actor: 'carla', action: 'worklist.listed', entityType: 'WorklistItem' });
  });

  // [method, path, weakest role allowed]
  const routes: Array<[string, (s: Seeded) => string, 'coordinator' | 'lead' | 'admin']> = [
    ['get', () => '/api/worklist', 'coordinator'],
    ['get', (s) => `/api/worklist/${s.itemId}`, 'coordinator'],
    ['get', () => '/api/sweeps', 'coordinator'],
    ['get', () => '/api/results', 'lead'],
    ['get', (s) => `/api/results/${s.resultId}`, 'lead'],
    ['get', (s) => `/api/results/${s.resultId}/fhir`, 'lead'],
    ['get', () => '/api/export/worklist.csv', 'lead'],
    ['get', () => '/api/export/results.csv', 'lead'],
    ['get', () => '/api/keys', 'admin'],
  ];
  const ranks = { coordinator: 0, lead: 1, admin: 2 } as const;

  for (const [method, path, needed] of routes) {
    for (const role of ['coordinator', 'lead', 'admin'] as const) {
      const allowed = ranks[role] >= ranks[needed];
      it(`${allowed ? 'allows' : 'refuses'} ${role} on ${method.toUpperCase()} ${path({ itemId: ':id', resultId: ':id' } as unknown as Seeded)}`, async () => {
        const response = await http().get(path(seeded)).set('x-api-key', api.keys[role]);
        expect(response.status).toBe(allowed ? 200 : 403);
        if (!allowed) expect(response.body.message).toContain(`needs the ${needed} role`);
      });
    }
  }

  it('refuses worklist changes without the coordinator role and an import without the lead role', async () => {
    await http().post(`/api/worklist/${seeded.itemId}/claim`).expect(401);
    await http()
      .post('/api/import/risk-factors')
      .set('x-api-key', api.keys.coordinator)
      .set('content-type', 'text/csv')
      .send('mrn\nX\n')
      .expect(403);
    await http().post('/api/keys').set('x-api-key', api.keys.lead).send({ name: 'x1', role: 'lead' }).expect(403);
  });

  it('lets the bootstrap admin create a key that works once and is stored hashed; revoking it shuts it out', async () => {
    const created = await http()
      .post('/api/keys')
      .set('Authorization', `Bearer ${ADMIN_KEY}`)
      .send({ name: 'Nurse Joy', role: 'coordinator' })
      .expect(201);
    expect(created.body).toMatchObject({
      name: 'Nurse Joy',
      role: 'coordinator',
      createdBy: 'bootstrap-admin',
      revokedAt: null,
    });
    const key: string = created.body.key;
    expect(key).toMatch(/^cac_[A-Za-z0-9_-]{43}$/);
    const row = await api.db.apiKey.findUniqueOrThrow({ where: { name: 'Nurse Joy' } });
    expect(row.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(key);

    await http().get('/api/worklist').set('x-api-key', key).expect(200);
    await http().get('/api/results').set('x-api-key', key).expect(403);
    const list = await http().get('/api/keys').set('x-api-key', api.keys.admin).expect(200);
    expect(list.body.map((k: { name: string }) => k.name)).toContain('Nurse Joy');
    expect(JSON.stringify(list.body)).not.toContain(key);

    await http().post(`/api/keys/${row.id}/revoke`).set('x-api-key', api.keys.admin).expect(200);
    await http().get('/api/worklist').set('x-api-key', key).expect(401);
    const audit = await api.db.auditEvent.findMany({
      where: { entityType: 'ApiKey', entityId: row.id },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((e) => [e.actor, e.action])).toEqual([
      ['bootstrap-admin', 'key.created'],
      ['adam', 'key.revoked'],
    ]);
  });

  it('validates new keys: 400 naming the field, 409 for a name in use', async () => {
    const bad = await http()
      .post('/api/keys')
      .set('x-api-key', api.keys.admin)
      .send({ name: 'ok name', role: 'superuser' })
      .expect(400);
    expect(bad.body.issues).toEqual([expect.objectContaining({ field: 'role' })]);
    const extra = await http()
      .post('/api/keys')
      .set('x-api-key', api.keys.admin)
      .send({ name: 'ok name', role: 'lead', admin: true })
      .expect(400);
    expect(extra.body.issues).toEqual([expect.objectContaining({ field: 'admin' })]);
    await http().post('/api/keys').set('x-api-key', api.keys.admin).send({ name: 'carla', role: 'lead' }).expect(409);
    await http()
      .post('/api/keys')
      .set('x-api-key', api.keys.admin)
      .set('content-type', 'application/json')
      .send('{"name":')
      .expect(400);
  });
});
