/**
 * One ONNX Runtime session per labeller (and so per worker process): created once, reused for every series.
 * CUDA is used when asked for or, with 'auto', when this onnxruntime-node build has it; otherwise the CPU.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { InferenceSession, Tensor } from 'onnxruntime-node';

export type ExecutionProvider = 'auto' | 'cpu' | 'cuda';

export interface SessionOptions {
  /** Threads inside one operator; default: ONNX Runtime's choice (all cores). */
  intraOpThreads?: number;
  provider?: ExecutionProvider;
}

export interface ModelSession {
  /** The provider that actually runs the model. */
  provider: 'cpu' | 'cuda';
  /** Runs one input tensor [1, C, D, H, W] and returns the output [1, K, D, H, W] as a flat array. */
  run(input: Float32Array, dims: [number, number, number, number, number]): Promise<Float32Array>;
  release(): Promise<void>;
}

type Ort = typeof import('onnxruntime-node');

/** Whether this install has the CUDA provider (npm ships CPU only; ONNXRUNTIME_NODE_INSTALL=cuda12 adds it). */
function cudaProviderInstalled(): boolean {
  try {
    const pkg = dirname(require.resolve('onnxruntime-node/package.json'));
    return existsSync(join(pkg, 'bin', 'napi-v6', process.platform, process.arch, 'libonnxruntime_providers_cuda.so'));
  } catch {
    return false;
  }
}

async function create(ort: Ort, model: Uint8Array, providers: string[], threads?: number): Promise<InferenceSession> {
  return ort.InferenceSession.create(model, {
    executionProviders: providers,
    graphOptimizationLevel: 'all',
    interOpNumThreads: 1,
    ...(threads ? { intraOpNumThreads: threads } : {}),
  });
}

export async function createModelSession(model: Uint8Array, options: SessionOptions = {}): Promise<ModelSession> {
  // Loaded lazily: the native binding is only needed by processes that actually run the CNN.
  const ort = await import('onnxruntime-node');
  const wanted = options.provider ?? 'auto';
  let session: InferenceSession | undefined;
  let provider: 'cpu' | 'cuda' = 'cpu';
  if (wanted === 'cuda' || (wanted === 'auto' && cudaProviderInstalled())) {
    try {
      session = await create(ort, model, ['cuda', 'cpu'], options.intraOpThreads);
      provider = 'cuda';
    } catch (err) {
      if (wanted === 'cuda') throw new Error(`CUDA execution provider unavailable: ${(err as Error).message}`);
    }
  }
  session ??= await create(ort, model, ['cpu'], options.intraOpThreads);
  const inputName = session.inputNames[0];
  const outputName = session.outputNames[0];
  const live = session;
  return {
    provider,
    async run(input, dims) {
      const feeds: Record<string, Tensor> = { [inputName]: new ort.Tensor('float32', input, dims) };
      const result = await live.run(feeds);
      return result[outputName].data as Float32Array;
    },
    release: () => live.release(),
  };
}
