import fs from 'fs';
import Module from 'module';
import { createInstrumenter } from 'istanbul-lib-instrument';

/** Where the instrumented code counts: global[COVERAGE_VARIABLE][file] = { s, f, b } hit counts. */
const COVERAGE_VARIABLE = '__cacscreenFuzzCoverage__';

interface FileCoverage {
  s: Record<string, number>;
  f: Record<string, number>;
  b: Record<string, number[]>;
}

/**
 * Instruments, as they are required, the compiled files for which `wanted(path)` holds (istanbul counters on every
 * statement, function and branch arm). Must run before they are first required.
 */
export function instrumentRequires(wanted: (filename: string) => boolean): void {
  const instrumenter = createInstrumenter({ coverageVariable: COVERAGE_VARIABLE, compact: true, esModules: false });
  const extensions = (Module as unknown as { _extensions: Record<string, (m: unknown, f: string) => void> })
    ._extensions;
  const loadJs = extensions['.js'];
  extensions['.js'] = (module: unknown, filename: string) => {
    if (!wanted(filename)) return loadJs(module, filename);
    const code = instrumenter.instrumentSync(fs.readFileSync(filename, 'utf8'), filename);
    (module as { _compile(code: string, filename: string): void })._compile(code, filename);
  };
}

/** Hit counts bucketed as AFL does (1, 2, 3, 4–7, 8–15, 16–31, 32–127, 128+): a loop running longer is news. */
function bucket(count: number): number {
  if (count <= 3) return count;
  if (count < 8) return 4;
  if (count < 16) return 5;
  if (count < 32) return 6;
  return count < 128 ? 7 : 8;
}

/**
 * Turns the counters into features after each run: a (counter, bucket) pair never seen before is new coverage.
 * Counters are zeroed after each read, so every run is measured on its own.
 */
export class CoverageFeedback {
  /** Per counter, a bit per bucket already seen. */
  private seen = new Uint16Array(0);
  private counters: { read(): number; reset(): void }[] = [];
  features = 0;
  files = 0;

  /** Finds every counter of every instrumented file (call once the target's modules are loaded). */
  collect(): void {
    const all = ((globalThis as Record<string, unknown>)[COVERAGE_VARIABLE] ?? {}) as Record<string, FileCoverage>;
    this.counters = [];
    for (const file of Object.values(all)) {
      for (const map of [file.s, file.f]) {
        for (const key of Object.keys(map)) {
          this.counters.push({ read: () => map[key], reset: () => (map[key] = 0) });
        }
      }
      for (const arms of Object.values(file.b)) {
        for (let i = 0; i < arms.length; i++) {
          this.counters.push({ read: () => arms[i], reset: () => (arms[i] = 0) });
        }
      }
    }
    this.files = Object.keys(all).length;
    this.seen = new Uint16Array(this.counters.length);
    this.reset();
  }

  get counterCount(): number {
    return this.counters.length;
  }

  reset(): void {
    for (const c of this.counters) c.reset();
  }

  /** Reads and zeroes the counters; the number of features this run showed for the first time. */
  takeNewFeatures(): number {
    let fresh = 0;
    for (let i = 0; i < this.counters.length; i++) {
      const count = this.counters[i].read();
      if (count === 0) continue;
      this.counters[i].reset();
      const bit = 1 << bucket(count);
      if ((this.seen[i] & bit) === 0) {
        this.seen[i] |= bit;
        fresh++;
      }
    }
    this.features += fresh;
    return fresh;
  }
}
