export * from './postgres';
export * from './temporal';
export * from './local-stack';
export { stateDir } from './state-dir';
export { stopLocalStack, stopPostgres } from './stop-local-stack';
export { isPortOpen } from './process-utils';
export { localAdminApiKey } from './demo-api-key';
