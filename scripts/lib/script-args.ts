/**
 * Command-line flags of the scripts, read with node:util parseArgs in strict mode: an unknown flag, a missing value
 * or a positional argument stops the script with the usage line instead of being ignored.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export function scriptArgs<T extends Options>(options: T, usage: string, argv = process.argv.slice(2)) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: ${usage}`);
    process.exit(2);
  }
}

/** A flag's number (fallback when absent); not a finite number ≥ `min`: stops with the flag's name. */
export function numberFlag(name: string, raw: string | undefined, fallback: number, min = 0): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < min) {
    console.error(`--${name} needs a number ≥ ${min}, got "${raw}"`);
    process.exit(2);
  }
  return value;
}
