export type { Lesion } from './lesion';
