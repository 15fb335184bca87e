export { createDb, type Db } from './client';
export * from './screening-repository';
export * from './sweep-repository';
export { Prisma } from './generated/client';
export { applyMigrations } from './migrate';
export * from './risk-factors-repository';
export * from './key-image-repository';
export * from './worklist-alignment';
