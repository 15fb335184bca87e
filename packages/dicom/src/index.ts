export * from './volume';
export * from './errors';
export * from './parse';
export * from './decode';
export * from './volume/index';
