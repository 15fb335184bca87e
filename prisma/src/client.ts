import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

export type Db = PrismaClient;

/** A Prisma client over node-postgres (no native query engine: works offline and in any container). */
export function createDb(databaseUrl: string, options: { poolSize?: number } = {}): Db {
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    max: options.poolSize ?? 10,
    // Fail a connection attempt instead of waiting forever while the server restarts; the caller's retry policy
    // (Temporal's, for activities) takes it from there.
    connectionTimeoutMillis: 10_000,
    // Drop idle connections early, so few survive a server restart to fail their next query.
    idleTimeoutMillis: 5_000,
  });
  return new PrismaClient({ adapter });
}
