import { z } from 'zod';

/** A folder archive (absolute path on the workers' file system) or a DICOMweb base URL. */
const sourceSchema = z
  .string()
  .trim()
  .min(1)
  .refine((value) => value.startsWith('/') || /^https?:\/\//.test(value), {
    message: 'must be an absolute folder path (as the workers see it) or an http(s) DICOMweb URL',
  });

export const startSweepSchema = z
  .object({
    source: sourceSchema.describe('Archive to sweep'),
    maxInFlight: z.number().int().min(1).max(1000).optional().describe('Studies screened at once (default 8)'),
    pageSize: z.number().int().min(1).max(5000).optional().describe('Studies per page / continue-as-new (default 100)'),
    incremental: z
      .boolean()
      .optional()
      .describe('Only studies newer than the newest already screened from this source'),
    archiveTimeoutSeconds: z
      .number()
      .int()
      .min(10)
      .max(86_400)
      .optional()
      .describe('How long listing the archive may keep failing before the sweep fails, with the error (default 900)'),
  })
  .strict();
export type StartSweepRequest = z.infer<typeof startSweepSchema>;

export const SWEEP_SIGNALS = ['pause', 'resume', 'cancel'] as const;
export type SweepSignalName = (typeof SWEEP_SIGNALS)[number];
