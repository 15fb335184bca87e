import { BadRequestException, PipeTransform } from '@nestjs/common';
import type { ZodType, ZodTypeDef } from 'zod';

/** Validates and converts a request part with a zod schema; a failure is a 400 naming each bad field. */
export class ZodPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: ZodType<T, ZodTypeDef, unknown>) {}

  transform(value: unknown): T {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw new BadRequestException({
      message: 'Invalid request',
      issues: parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(root)', message: issue.message })),
    });
  }
}
