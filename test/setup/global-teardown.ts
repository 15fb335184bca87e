// The services stay up after a run: PostgreSQL keeps its data for the next run, and other test runs on this
// machine (or a developer's demo) may be using the same servers. CI machines are discarded after the run.
export default async function globalTeardown(): Promise<void> {}
