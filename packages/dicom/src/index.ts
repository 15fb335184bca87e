export * from './volume';
