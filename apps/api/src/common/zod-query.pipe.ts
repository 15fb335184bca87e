import { BadRequestException, PipeTransform } from '@nestjs/common';
import type { ZodIssue, ZodType, ZodTypeDef } from 'zod';

export interface FieldIssue {
  field: string;
  message: string;
}

/** One entry per bad field; an unknown key is reported under its own name. */
export function fieldIssues(issues: ZodIssue[], prefix: Array<string | number> = []): FieldIssue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path].join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: path ? `${path}.${key}` : key,
        message: `${key} is not a known field`,
      }));
    }
    return [{ field: path || '(root)', message: issue.message }];
  });
}

/** Validates and converts a request part with a zod schema; a failure is a 400 naming each bad field. */
export class ZodPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: ZodType<T, ZodTypeDef, unknown>) {}

  transform(value: unknown): T {
    const parsed = this.schema.safeParse(value ?? {});
    if (parsed.success) return parsed.data;
    throw new BadRequestException({ message: 'Invalid request', issues: fieldIssues(parsed.error.issues) });
  }
}
