import { readFileSync } from 'fs';
import { dirname, join } from 'path';

/** The slice of an Emscripten/embind decoder object that both cornerstone codecs expose. */
export interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): { width: number; height: number; bitsPerSample: number; componentCount: number; isSigned?: boolean };
  getDecodedBuffer(): Uint8Array;
  delete(): void;
}

type ModuleFactory = (moduleArg: Record<string, unknown>) => unknown;

/** The synchronous WebAssembly API (its types live in lib.dom, which this Node-only package does not load). */
interface SyncWebAssembly {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}
const wasm = (globalThis as unknown as { WebAssembly: SyncWebAssembly }).WebAssembly;

/**
 * Instantiates an Emscripten codec synchronously: the module's `instantiateWasm` hook lets us compile the .wasm
 * with the synchronous WebAssembly API, so decodeFrame can stay synchronous. Codec logging is silenced.
 * Returns the module object, on which embind has registered the decoder classes.
 */
export function loadWasmCodec(moduleId: string, wasmFile: string): Record<string, unknown> {
  const wasmPath = join(dirname(require.resolve(moduleId)), wasmFile);
  const bytes = readFileSync(wasmPath);
  const moduleArg: Record<string, unknown> = {
    instantiateWasm(imports: object, done: (instance: object, module: object) => void) {
      const module = new wasm.Module(bytes);
      const instance = new wasm.Instance(module, imports);
      done(instance, module);
      return instance.exports;
    },
    print: () => undefined,
    printErr: () => undefined,
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = require(moduleId) as ModuleFactory;
  const pending = factory(moduleArg);
  // The factory also returns a promise of the same module; nothing else awaits it, so make sure it cannot go unhandled.
  if (pending instanceof Promise) pending.catch(() => undefined);
  return moduleArg;
}

/**
 * Caches one codec module, reloading it after a failure: an Emscripten abort leaves the module unusable, and a
 * later file must not inherit that.
 */
export class WasmCodec<T extends WasmDecoder> {
  private module: Record<string, unknown> | undefined;

  constructor(
    private readonly moduleId: string,
    private readonly wasmFile: string,
    private readonly className: string,
  ) {}

  /** Runs `use` with a fresh decoder instance, always deleting it; resets the module if `use` throws. */
  withDecoder<R>(use: (decoder: T) => R): R {
    this.module ??= loadWasmCodec(this.moduleId, this.wasmFile);
    const Ctor = this.module[this.className] as new () => T;
    let decoder: T | undefined;
    try {
      decoder = new Ctor();
      return use(decoder);
    } catch (error) {
      this.module = undefined;
      throw error;
    } finally {
      try {
        decoder?.delete();
      } catch {
        // The module may already be aborted; it is dropped above.
      }
    }
  }
}
