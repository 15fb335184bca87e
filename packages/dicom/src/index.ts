export * from './volume';
export * from './errors';
export * from './limits';
export * from './parse';
export * from './decode';
export * from './volume/index';
export * from './archive/index';
export * from './series/index';
