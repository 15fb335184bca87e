/** Injection tokens for the API's external dependencies (passed in by createApiApp, replaced by fakes in unit tests). */
export const DB = Symbol('Db');
export const TEMPORAL_CLIENT = Symbol('TemporalClient');
