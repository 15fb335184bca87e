// The few parts of istanbul-lib-instrument 6 the fuzzer uses (its published @types are for version 1).
declare module 'istanbul-lib-instrument' {
  export interface Instrumenter {
    instrumentSync(code: string, filename: string): string;
  }
  export function createInstrumenter(options: {
    coverageVariable?: string;
    compact?: boolean;
    esModules?: boolean;
    preserveComments?: boolean;
    produceSourceMap?: boolean;
  }): Instrumenter;
}
