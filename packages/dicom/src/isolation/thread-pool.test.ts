import { join } from 'path';
import { DicomError } from '../errors';
import { ThreadPool } from './thread-pool';

// The entry is plain JavaScript over the compiled package: `npm run build` runs before the tests.
const ENTRY = join(__dirname, '__tests__', 'misbehaving-thread.js');
type Job = { kind: 'echo' | 'loop' | 'hog' | 'dicom-error' | 'exit'; value?: number };
type Answer = { echoed: number; threadId: number };

describe('ThreadPool (isolated jobs under a budget)', () => {
  const pool = new ThreadPool<Job, Answer>(ENTRY, 'The job');
  const roomy = { timeMs: 10_000, heapMib: 256 };
  afterAll(() => pool.close());

  it('answers, and reuses a warm thread for the next job', async () => {
    const first = await pool.run({ kind: 'echo', value: 1 }, roomy);
    const second = await pool.run({ kind: 'echo', value: 2 }, roomy);
    expect(first.echoed).toBe(1);
    expect(second).toEqual({ echoed: 2, threadId: first.threadId });
  });

  it('stops a job that runs past its time and rejects it as RESOURCE_BUDGET', async () => {
    const started = Date.now();
    await expect(pool.run({ kind: 'loop' }, { ...roomy, timeMs: 300 })).rejects.toMatchObject({
      code: 'RESOURCE_BUDGET',
      message: expect.stringMatching(/took longer than 0.3 s/),
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('stops a job that runs past its heap and rejects it as RESOURCE_BUDGET', async () => {
    await expect(pool.run({ kind: 'hog' }, { timeMs: 60_000, heapMib: 64 })).rejects.toMatchObject({
      code: 'RESOURCE_BUDGET',
      message: expect.stringMatching(/more than its 64 MiB heap/),
    });
  }, 60_000);

  it("gives a thread's DicomError back with its code and fields", async () => {
    const error = await pool.run({ kind: 'dicom-error' }, roomy).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DicomError);
    expect(error).toMatchObject({ code: 'LIMIT_EXCEEDED', message: 'too many frames', limit: 'maxFramesPerSeries' });
  });

  it('rejects a job whose thread exits without answering', async () => {
    await expect(pool.run({ kind: 'exit' }, roomy)).rejects.toThrow(/exit code 3/);
  });

  it('still runs jobs after every kind of failure, on a fresh thread where the old one was stopped', async () => {
    const before = await pool.run({ kind: 'echo', value: 3 }, roomy);
    await expect(pool.run({ kind: 'loop' }, { ...roomy, timeMs: 200 })).rejects.toThrow(/took longer/);
    const after = await pool.run({ kind: 'echo', value: 4 }, roomy);
    expect(after.echoed).toBe(4);
    expect(after.threadId).not.toBe(before.threadId);
  });
});
