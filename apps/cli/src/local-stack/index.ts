export * from './postgres';
export * from './temporal';
export { stateDir } from './state-dir';
