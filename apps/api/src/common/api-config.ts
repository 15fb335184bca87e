import { z } from 'zod';

export const API_CONFIG = Symbol('ApiConfig');

/** What the API's modules read from the environment, read and checked once when the app is built. */
export interface ApiConfig {
  /** When set, this key is accepted as the admin `bootstrap-admin`, so a fresh install can create real keys. */
  adminApiKey?: string;
  /** Prefix of the workers' task queue names (CACSCREEN_TASK_QUEUE_PREFIX); sweeps start on the prefixed queue. */
  taskQueuePrefix?: string;
}

/** What the standalone server (main.ts) needs besides: where the database and Temporal are, where to listen. */
export interface ApiServerConfig {
  app: ApiConfig;
  databaseUrl: string;
  port: number;
  host: string;
  /** Unset: the API runs without Temporal (no live sweep progress, no sweep control). */
  temporalAddress?: string;
}

const optional = (value: string | undefined) => (value === '' ? undefined : value);

const appSchema = z.object({
  CACSCREEN_ADMIN_API_KEY: z
    .string()
    .min(24, 'must be at least 24 characters (use a long random value, e.g. `openssl rand -base64 32`)')
    .optional(),
  CACSCREEN_TASK_QUEUE_PREFIX: z.string().default(''), // any string, as the worker takes it
});

const serverSchema = z.object({
  DATABASE_URL: z.string({ required_error: 'is not set' }).regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL'),
  API_PORT: z.coerce
    .number({ invalid_type_error: 'must be a port number' })
    .int('must be a whole number')
    .min(1, 'must be 1–65535')
    .max(65535, 'must be 1–65535')
    .default(3000),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:/]+:\d{1,5}$/, 'must be host:port')
    .optional(),
});

function parseEnv<T extends z.ZodTypeAny>(
  schema: T,
  values: Record<string, string | undefined>,
  what: string,
): z.output<T> {
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new Error(`Invalid ${what} environment: ${problems.join('; ')}`);
  }
  return parsed.data;
}

const appValues = (env: NodeJS.ProcessEnv) => ({
  CACSCREEN_ADMIN_API_KEY: optional(env.CACSCREEN_ADMIN_API_KEY),
  CACSCREEN_TASK_QUEUE_PREFIX: optional(env.CACSCREEN_TASK_QUEUE_PREFIX),
});

const appConfig = (values: z.output<typeof appSchema>): ApiConfig => ({
  adminApiKey: values.CACSCREEN_ADMIN_API_KEY,
  taskQueuePrefix: values.CACSCREEN_TASK_QUEUE_PREFIX,
});

/** Reads the API's settings from the environment once, when the app is built; fails listing every bad variable. */
export function apiConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  return appConfig(parseEnv(appSchema, appValues(env), 'API'));
}

/** The standalone server's settings (main.ts) and the app's, checked together before anything starts. */
export function apiServerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ApiServerConfig {
  const values = parseEnv(
    serverSchema.merge(appSchema),
    {
      DATABASE_URL: optional(env.DATABASE_URL),
      API_PORT: optional(env.API_PORT),
      API_HOST: optional(env.API_HOST),
      TEMPORAL_ADDRESS: optional(env.TEMPORAL_ADDRESS),
      ...appValues(env),
    },
    'API',
  );
  return {
    app: appConfig(values),
    databaseUrl: values.DATABASE_URL,
    port: values.API_PORT,
    host: values.API_HOST,
    temporalAddress: values.TEMPORAL_ADDRESS,
  };
}
