import { fillFromFiles } from '../volume/fill-from-files';
import type { FillAnswer, FillJob } from './decode-threads';
import { serializeError, serveParent } from './thread-protocol';

/** Thread entry for fillInThreads: decodes its share of a series' slices into the shared HU array. */
serveParent<FillJob, FillAnswer>(async ({ slices, hu, perSlice, options }) => {
  const failure = fillFromFiles(slices, hu, perSlice, options);
  return { value: failure && { z: failure.z, error: serializeError(failure.error) } };
});
