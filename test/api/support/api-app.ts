// The API under test, in-process, against one fresh database per test file.
import type { INestApplication } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { createApiApp } from '@cacscreen/api';
import type { Db } from '@cacscreen/db';
import { freshDatabase } from '../../setup/services';
import { seedKey } from './seed';

export const ADMIN_KEY = 'bootstrap-admin-key-for-tests-0123456789';

export interface TestApi {
  app: INestApplication;
  db: Db;
  url: string;
  keys: { coordinator: string; coordinator2: string; lead: string; admin: string };
  close(): Promise<void>;
}

export async function startTestApi(
  databaseName: string,
  options: { listen?: boolean; temporal?: Client } = {},
): Promise<TestApi> {
  const { db, url } = await freshDatabase(databaseName);
  const app = await createApiApp(
    { db, temporal: options.temporal, config: { adminApiKey: ADMIN_KEY } },
    { logger: false },
  );
  if (options.listen) await app.listen(0, '127.0.0.1');
  else await app.init();
  const keys = {
    coordinator: await seedKey(db, 'carla', 'coordinator'),
    coordinator2: await seedKey(db, 'cody', 'coordinator'),
    lead: await seedKey(db, 'lena', 'lead'),
    admin: await seedKey(db, 'adam', 'admin'),
  };
  return {
    app,
    db,
    url,
    keys,
    async close() {
      await app.close();
      await db.$disconnect();
    },
  };
}
