import { apiConfigFromEnv, apiServerConfigFromEnv } from './api-config';

const GOOD = { DATABASE_URL: 'postgresql://u:p@127.0.0.1:5432/cacscreen' };

describe('the API environment, checked once at start-up', () => {
  it('gives the documented defaults when only the database is set', () => {
    expect(apiServerConfigFromEnv(GOOD)).toEqual({
      app: { adminApiKey: undefined, taskQueuePrefix: '' },
      databaseUrl: GOOD.DATABASE_URL,
      port: 3000,
      host: '127.0.0.1',
      temporalAddress: undefined,
    });
  });

  it('reads every variable it knows', () => {
    const config = apiServerConfigFromEnv({
      ...GOOD,
      API_PORT: '8080',
      API_HOST: '0.0.0.0',
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      CACSCREEN_TASK_QUEUE_PREFIX: 'site-a.',
      CACSCREEN_ADMIN_API_KEY: 'x'.repeat(32),
    });
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', temporalAddress: 'temporal.internal:7233' });
    expect(config.app).toEqual({ adminApiKey: 'x'.repeat(32), taskQueuePrefix: 'site-a.' });
  });

  it('refuses a bad port, naming the variable (Number("abc") used to give NaN and a random port)', () => {
    for (const port of ['abc', '0', '70000', '80.5']) {
      expect(() => apiServerConfigFromEnv({ ...GOOD, API_PORT: port })).toThrow(/API_PORT/);
    }
  });

  it('lists every bad variable in one error', () => {
    let message = '';
    try {
      apiServerConfigFromEnv({ API_PORT: 'abc', TEMPORAL_ADDRESS: 'http://x', CACSCREEN_ADMIN_API_KEY: 'short' });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const name of ['DATABASE_URL', 'API_PORT', 'TEMPORAL_ADDRESS', 'CACSCREEN_ADMIN_API_KEY']) {
      expect(message).toContain(name);
    }
  });

  it('treats an empty variable as unset, and checks the app settings without the server ones', () => {
    expect(apiServerConfigFromEnv({ ...GOOD, API_PORT: '', TEMPORAL_ADDRESS: '' }).port).toBe(3000);
    expect(apiConfigFromEnv({})).toEqual({ adminApiKey: undefined, taskQueuePrefix: '' });
    expect(() => apiConfigFromEnv({ CACSCREEN_ADMIN_API_KEY: 'short' })).toThrow(/CACSCREEN_ADMIN_API_KEY/);
  });
});
