// A real Orthanc PACS with its DICOMweb plugin, started by a test on loopback ports and stopped after it.
// Debian packages `orthanc` and `orthanc-dicomweb`; tests skip with a message when the binary is missing.
import { type ChildProcess, spawn, spawnSync } from 'child_process';
import { existsSync, promises as fs } from 'fs';
import * as path from 'path';

export const ORTHANC_BINARY = process.env.ORTHANC_BINARY ?? 'Orthanc';
export const DICOMWEB_PLUGIN =
  process.env.ORTHANC_DICOMWEB_PLUGIN ?? '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';

/** Null when Orthanc and its DICOMweb plugin can be used, else why not (for a skip message). */
export function orthancUnavailable(): string | null {
  const probe = spawnSync(ORTHANC_BINARY, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    return `Orthanc (${ORTHANC_BINARY}) is not installed: apt-get install orthanc orthanc-dicomweb`;
  }
  if (!existsSync(DICOMWEB_PLUGIN))
    return `Orthanc DICOMweb plugin missing at ${DICOMWEB_PLUGIN}: apt-get install orthanc-dicomweb`;
  return null;
}

export interface OrthancOptions {
  httpPort: number;
  dicomPort: number;
  /** Working folder: config, storage and log go here (created if needed). */
  dir: string;
  aet?: string;
  startTimeoutMs?: number;
}

export interface RunningOrthanc {
  /** REST API root, e.g. http://127.0.0.1:18042 */
  baseUrl: string;
  /** DICOMweb root, e.g. http://127.0.0.1:18042/dicom-web */
  dicomWebUrl: string;
  aet: string;
  dicomPort: number;
  logFile: string;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes a config, spawns Orthanc and waits until GET /system answers. */
export async function startOrthanc(options: OrthancOptions): Promise<RunningOrthanc> {
  const { httpPort, dicomPort, dir } = options;
  const aet = options.aet ?? 'CACTEST';
  const storage = path.join(dir, 'storage');
  await fs.mkdir(storage, { recursive: true });
  const config = {
    Name: 'cacscreen-test',
    DicomAet: aet,
    StorageDirectory: storage,
    IndexDirectory: storage,
    HttpPort: httpPort,
    DicomPort: dicomPort,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    DicomCheckCalledAet: false,
    // Keep every instance as sent: no transcoding on ingest, no storage compression.
    StorageCompression: false,
    Plugins: [DICOMWEB_PLUGIN],
    DicomWeb: { Enable: true, Root: '/dicom-web/' },
  };
  const configFile = path.join(dir, 'orthanc.json');
  await fs.writeFile(configFile, JSON.stringify(config, null, 2));
  const logFile = path.join(dir, 'orthanc.log');
  const log = await fs.open(logFile, 'w');
  const child: ChildProcess = spawn(ORTHANC_BINARY, [configFile], { stdio: ['ignore', log.fd, log.fd] });
  let exited: string | null = null;
  child.once('exit', (code, signal) => {
    exited = `exited with ${code ?? signal}`;
  });
  child.once('error', (error) => {
    exited = error.message;
  });
  const baseUrl = `http://127.0.0.1:${httpPort}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const done = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await done;
      clearTimeout(timer);
    }
    await log.close().catch(() => undefined);
  };
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  for (;;) {
    if (exited) {
      await stop();
      const tail = (await fs.readFile(logFile, 'utf8').catch(() => '')).slice(-2000);
      throw new Error(`Orthanc ${exited} before answering on port ${httpPort}; log:\n${tail}`);
    }
    try {
      const response = await fetch(`${baseUrl}/system`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `Orthanc did not answer GET /system on port ${httpPort} within the start timeout (log: ${logFile})`,
      );
    }
    await sleep(200);
  }
  return { baseUrl, dicomWebUrl: `${baseUrl}/dicom-web`, aet, dicomPort, logFile, stop };
}

/** Stores files through the REST API (POST /instances); returns Orthanc's instance ids. */
export async function uploadFiles(baseUrl: string, files: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const file of files) {
    const response = await fetch(`${baseUrl}/instances`, {
      method: 'POST',
      headers: { 'content-type': 'application/dicom' },
      body: await fs.readFile(file),
    });
    if (!response.ok) throw new Error(`Orthanc refused ${file}: HTTP ${response.status} ${await response.text()}`);
    const reply = (await response.json()) as { ID: string; Status: string };
    ids.push(reply.ID);
  }
  return ids;
}
