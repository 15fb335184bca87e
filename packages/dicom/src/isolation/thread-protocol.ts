import { parentPort } from 'worker_threads';
import { DicomError, type DicomErrorCode } from '../errors';

/** What an isolated thread answers: its value, or its error reduced to what survives structured cloning. */
export type ThreadAnswer<O> = { ok: true; value: O } | { ok: false; error: SerializedError };

export interface SerializedError {
  name: string;
  message: string;
  /** Set for a DicomError: the parent rebuilds one with the same code, so callers' rejection rules still apply. */
  code?: DicomErrorCode;
  /** A DicomError's own fields (tag, keyword, limit, retryable…). */
  fields?: Record<string, unknown>;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof DicomError) {
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(error)) {
      if (key !== 'code' && ['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value;
    }
    return { name: error.name, message: error.message, code: error.code, fields };
  }
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

/** The parent's side: a DicomError again (same code, name, message and fields), or a plain Error. */
export function reviveError(serialized: SerializedError): Error {
  const error = serialized.code ? new DicomError(serialized.code, serialized.message) : new Error(serialized.message);
  error.name = serialized.name;
  if (serialized.fields) Object.assign(error, serialized.fields);
  return error;
}

/**
 * The thread's side: runs `work` on each job the parent posts and answers it. `transfer` lists buffers handed over
 * without a copy (a 150 MB HU volume moves in microseconds).
 */
export function serveParent<I, O>(work: (input: I) => Promise<{ value: O; transfer?: ArrayBuffer[] }>): void {
  if (!parentPort) throw new Error('serveParent must run in a worker thread');
  const port = parentPort;
  port.on('message', (input: I) => {
    work(input).then(
      ({ value, transfer }) => port.postMessage({ ok: true, value } satisfies ThreadAnswer<O>, transfer ?? []),
      (error: unknown) => port.postMessage({ ok: false, error: serializeError(error) } satisfies ThreadAnswer<O>),
    );
  });
}
