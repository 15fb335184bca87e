export * from './postgres';
export * from './temporal';
export * from './local-stack';
export { stateDir } from './state-dir';
export { stopLocalStack } from './stop-local-stack';
