// Test-only thread entry for thread-pool.test.ts: jobs that hang, eat the heap, crash or answer. It loads the
// compiled package (npm run build), as the real thread entry does.
const { serveParent } = require('../../../dist/isolation/thread-protocol.js');
const { DicomError } = require('../../../dist/errors.js');

serveParent(async (job) => {
  switch (job.kind) {
    case 'echo':
      return { value: { echoed: job.value, threadId: require('worker_threads').threadId } };
    case 'loop':
      for (;;);
    case 'hog': {
      const held = [];
      for (;;) held.push(new Array(100_000).fill(held.length));
    }
    case 'dicom-error':
      throw Object.assign(new DicomError('LIMIT_EXCEEDED', 'too many frames'), { limit: 'maxFramesPerSeries' });
    case 'exit':
      process.exit(3);
  }
  throw new Error(`unknown job ${job.kind}`);
});
