import { applyMigrations } from '@cacscreen/db';
import { ensurePostgres } from './postgres';
import { ensureTemporal } from './temporal';

/** Fixed local ports per profile, so the demo and the test suite never share a database. */
export const STACK_PROFILES = {
  demo: { postgresPort: 55432, temporalPort: 7233, temporalUiPort: 8233 as number | null },
  test: { postgresPort: 55433, temporalPort: 17233, temporalUiPort: null as number | null },
} as const;
export type StackProfile = keyof typeof STACK_PROFILES;

export interface LocalStack {
  databaseUrl: string;
  temporalAddress: string;
  temporalUiUrl?: string;
  describe(): string[];
  stop(): Promise<void>;
}

/**
 * PostgreSQL (migrated) and a Temporal server for one profile: the configured ones when DATABASE_URL /
 * TEMPORAL_ADDRESS are set (demo only), otherwise local ones started on demand and left running for the next command.
 */
export async function startLocalStack(profile: StackProfile): Promise<LocalStack> {
  const ports = STACK_PROFILES[profile];
  const useEnv = profile === 'demo';
  const postgres = await ensurePostgres({ port: ports.postgresPort, name: profile, useEnv });
  applyMigrations(postgres.url);
  const temporal = await ensureTemporal({
    port: ports.temporalPort,
    uiPort: ports.temporalUiPort,
    name: profile,
    useEnv,
    persistent: profile === 'demo',
  });
  return {
    databaseUrl: postgres.url,
    temporalAddress: temporal.address,
    temporalUiUrl: temporal.uiUrl,
    describe: () => [
      `PostgreSQL: ${redactPassword(postgres.url)} (${postgres.origin})`,
      `Temporal:   ${temporal.address} (${temporal.origin})`,
    ],
    stop: async () => {
      await temporal.stop();
      await postgres.stop();
    },
  };
}

function redactPassword(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}
