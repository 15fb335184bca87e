// Lints the deployment files as far as this machine allows (no Docker engine or cluster here): they parse, every
// app container runs a file the build produces, gets the settings the code reads, and every manifest is complete.
import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

const root = path.resolve(__dirname, '..', '..');
const infra = path.join(root, 'infra');
/** Compiled entry points → their sources (dist/*.js is built from src/*.ts). */
const sourceOf = (distFile: string) => path.join(root, distFile.replace('/dist/', '/src/').replace(/\.js$/, '.ts'));

interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
}

describe('infra/compose/docker-compose.yml', () => {
  const compose = parse(fs.readFileSync(path.join(infra, 'compose', 'docker-compose.yml'), 'utf8'), {
    merge: true,
  }) as {
    services: Record<string, ComposeService>;
  };

  it('has the services a single host needs', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      [
        'api',
        'migrate',
        'orthanc',
        'postgres',
        'temporal',
        'temporal-ui',
        'worker-inference',
        'worker-screening',
      ].sort(),
    );
  });

  it('runs app commands that exist, with the database and Temporal settings', () => {
    for (const name of ['api', 'migrate', 'worker-screening', 'worker-inference']) {
      const service = compose.services[name];
      const [node, script, ...args] = service.command ?? [];
      expect(node).toBe('node');
      const file = script.includes('/dist/') ? sourceOf(script) : path.join(root, script);
      expect(fs.existsSync(file)).toBe(true);
      expect(service.environment?.DATABASE_URL).toMatch(/^postgresql:\/\//);
      expect(service.environment?.TEMPORAL_ADDRESS).toBe('temporal:7233');
      if (name.startsWith('worker-')) expect(args).toEqual([name.replace('worker-', '')]);
    }
  });
});

describe('infra/k8s', () => {
  const dir = path.join(infra, 'k8s');
  const kustomization = parse(fs.readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
  const docs = kustomization.resources.flatMap((file) =>
    parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8')).map((doc) => {
      expect(doc.errors).toEqual([]);
      return {
        file,
        manifest: doc.toJS() as Record<string, unknown> & { metadata?: { name?: string; namespace?: string } },
      };
    }),
  );

  it('lists every manifest in the folder', () => {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.sort());
  });

  it('gives every object an apiVersion, kind, name and the cacscreen namespace', () => {
    for (const { manifest } of docs) {
      expect(typeof manifest.apiVersion).toBe('string');
      expect(typeof manifest.kind).toBe('string');
      expect(manifest.metadata?.name).toBeTruthy();
      if (manifest.kind !== 'Namespace') expect(manifest.metadata?.namespace).toBe('cacscreen');
    }
  });

  it('runs containers whose entry points exist, with selectors matching their pod labels', () => {
    const deployments = docs.map((d) => d.manifest).filter((m) => m.kind === 'Deployment') as unknown as Array<{
      spec: {
        selector: { matchLabels: Record<string, string> };
        template: { metadata: { labels: Record<string, string> }; spec: { containers: Array<{ command: string[] }> } };
      };
    }>;
    expect(deployments).toHaveLength(3);
    for (const deployment of deployments) {
      expect(deployment.spec.template.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);
      for (const container of deployment.spec.template.spec.containers) {
        expect(fs.existsSync(sourceOf(container.command[1]))).toBe(true);
      }
    }
  });

  it('sets only worker settings that the code reads', () => {
    const config = docs.find((d) => d.manifest.kind === 'ConfigMap')?.manifest as { data: Record<string, string> };
    const workerConfig = fs.readFileSync(path.join(root, 'apps', 'worker', 'src', 'worker-config.ts'), 'utf8');
    for (const key of Object.keys(config.data)) expect(workerConfig).toMatch(new RegExp(`\\b${key}\\b`));
  });
});
