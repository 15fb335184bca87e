export { createApiApp } from './create-app';
export type { ApiDependencies } from './app.module';
