import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import type { AnyZodObject } from 'zod';

/** Documents every field of a zod query schema in OpenAPI, with its description (all query fields are optional). */
export function apiQueries(schema: AnyZodObject): MethodDecorator {
  return applyDecorators(
    ...Object.entries(schema.shape as Record<string, { description?: string }>).map(([name, field]) =>
      ApiQuery({ name, required: false, type: String, description: field.description }),
    ),
  );
}
