import { z } from 'zod';

export const API_CONFIG = Symbol('ApiConfig');

export interface ApiConfig {
  /** When set, this key is accepted as the admin `bootstrap-admin`, so a fresh install can create real keys. */
  adminApiKey?: string;
}

const envSchema = z.object({
  CACSCREEN_ADMIN_API_KEY: z
    .string()
    .min(24, 'must be at least 24 characters (use a long random value, e.g. `openssl rand -base64 32`)')
    .optional(),
});

/** Reads the API's settings from the environment once at start-up; fails listing every bad variable. */
export function apiConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const parsed = envSchema.safeParse({ CACSCREEN_ADMIN_API_KEY: env.CACSCREEN_ADMIN_API_KEY || undefined });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid API environment: ${problems.join('; ')}`);
  }
  return { adminApiKey: parsed.data.CACSCREEN_ADMIN_API_KEY };
}
