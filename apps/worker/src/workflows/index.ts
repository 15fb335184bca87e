// The workflow bundle's entry point: every workflow the workers run.
export { sweepArchive } from './sweep-archive';
export { screenStudy } from './screen-study';
