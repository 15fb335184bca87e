import {
  ANATOMY_LABELLER_VERSION,
  BASELINE_LABELLER_VERSION,
  createAnatomyLabeller,
  CalciumLabeller,
  createBaselineLabeller,
  createCnnLabeller,
  DEFAULT_MODEL_MANIFEST,
  type ExecutionProvider,
  loadModelManifest,
} from '@cacscreen/scoring';

function positiveInt(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

function provider(): ExecutionProvider {
  const raw = process.env.CACSCREEN_ONNX_PROVIDER ?? 'auto';
  if (raw !== 'auto' && raw !== 'cpu' && raw !== 'cuda') {
    throw new Error(`CACSCREEN_ONNX_PROVIDER must be auto, cpu or cuda, got "${raw}"`);
  }
  return raw;
}

const LABELLERS: Record<string, () => Promise<CalciumLabeller>> = {
  anatomy: async () => createAnatomyLabeller(),
  baseline: async () => createBaselineLabeller(),
  // One warm ONNX session per process; CACSCREEN_MODEL overrides the shipped models/cac-cnn.json.
  cnn: () => createCnnLabeller({ intraOpThreads: positiveInt('CACSCREEN_ONNX_THREADS'), provider: provider() }),
};

export const LABELLER_NAMES = Object.keys(LABELLERS);

/**
 * CACSCREEN_LABELLER, else the anatomy labeller: on real chest CT it finds the heart and keeps real negatives at 0,
 * where the phantom-trained CNN finds no calcium (docs/model.md).
 */
export function defaultLabellerName(): string {
  return process.env.CACSCREEN_LABELLER ?? 'anatomy';
}

/**
 * The version results are stored under, without opening a model session (for processes that start sweeps but run no
 * inference: the API, the CLI).
 */
export function labellerVersion(name = defaultLabellerName()): string {
  if (name === 'anatomy') return ANATOMY_LABELLER_VERSION;
  if (name === 'baseline') return BASELINE_LABELLER_VERSION;
  if (name === 'cnn') return loadModelManifest(process.env.CACSCREEN_MODEL ?? DEFAULT_MODEL_MANIFEST).manifest.version;
  throw new Error(`Unknown labeller "${name}"; choose one of: ${LABELLER_NAMES.join(', ')}`);
}

const loaded = new Map<string, Promise<CalciumLabeller>>();

/**
 * The calcium labeller the inference worker uses: CACSCREEN_LABELLER (default: defaultLabellerName()). Loaded once per process and
 * name, so every activity shares one model session.
 */
export function loadLabeller(name = defaultLabellerName()): Promise<CalciumLabeller> {
  const load = LABELLERS[name];
  if (!load)
    return Promise.reject(new Error(`Unknown labeller "${name}"; choose one of: ${LABELLER_NAMES.join(', ')}`));
  let labeller = loaded.get(name);
  if (!labeller) {
    labeller = load();
    loaded.set(name, labeller);
    labeller.catch(() => loaded.delete(name));
  }
  return labeller;
}
