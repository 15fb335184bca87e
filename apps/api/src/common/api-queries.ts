import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z, type AnyZodObject, type ZodTypeAny } from 'zod';

/** String schemas whose OpenAPI `format` cannot be read from zod (a refinement): registered where they are made. */
const FORMATS = new WeakMap<ZodTypeAny, string>();

/** Marks a zod schema as a string of an OpenAPI format (e.g. `date`), for the generated description. */
export function withFormat<T extends ZodTypeAny>(schema: T, format: string): T {
  FORMATS.set(schema, format);
  return schema;
}

/** A comma-separated list of enum values (`a,b`): documented as an OpenAPI array with style form, explode false. */
const ENUM_LISTS = new WeakMap<ZodTypeAny, readonly string[]>();

export function asEnumList<T extends ZodTypeAny>(schema: T, values: readonly string[]): T {
  ENUM_LISTS.set(schema, values);
  return schema;
}

/** What a format cannot say: the API takes dates from 1900 to 2999 only. */
const FORMAT_PATTERNS: Record<string, { pattern?: string }> = { date: { pattern: '^(19|2[0-9])[0-9]{2}-' } };

interface QueryDoc {
  schema: SchemaObject;
  /** Only for comma-separated lists. */
  list?: boolean;
}

/** The OpenAPI schema of one query field, read from its zod schema (wrappers peeled, checks turned into bounds). */
export function queryFieldSchema(field: ZodTypeAny): QueryDoc {
  let current: ZodTypeAny = field;
  let defaultValue: unknown;
  for (;;) {
    const format = FORMATS.get(current);
    if (format) return { schema: { type: 'string', format, ...FORMAT_PATTERNS[format], default: defaultValue } };
    const list = ENUM_LISTS.get(current);
    if (list) return { schema: { type: 'array', minItems: 1, items: { type: 'string', enum: [...list] } }, list: true };
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap();
    else if (current instanceof z.ZodDefault) {
      defaultValue = current._def.defaultValue();
      current = current._def.innerType;
    } else if (current instanceof z.ZodEffects) current = current.innerType();
    else if (current instanceof z.ZodPipeline) current = current._def.in;
    else break;
  }
  if (current instanceof z.ZodEnum) {
    return { schema: { type: 'string', enum: [...(current.options as string[])], default: defaultValue } };
  }
  if (current instanceof z.ZodNumber) {
    const schema: SchemaObject = { type: current.isInt ? 'integer' : 'number', default: defaultValue };
    for (const check of current._def.checks) {
      if (check.kind === 'min') schema.minimum = check.value;
      if (check.kind === 'max') schema.maximum = check.value;
    }
    return { schema };
  }
  if (current instanceof z.ZodString) {
    const schema: SchemaObject = { type: 'string', default: defaultValue };
    for (const check of current._def.checks) {
      if (check.kind === 'min') schema.minLength = check.value;
      if (check.kind === 'max') schema.maxLength = check.value;
      if (check.kind === 'uuid') schema.format = 'uuid';
    }
    return { schema };
  }
  return { schema: { type: 'string', default: defaultValue } };
}

/**
 * Documents every field of a zod query schema in OpenAPI with its type, bounds, enum or format and its description
 * (all query fields are optional).
 */
export function apiQueries(schema: AnyZodObject): MethodDecorator {
  return applyDecorators(
    ...Object.entries(schema.shape as Record<string, ZodTypeAny>).map(([name, field]) => {
      const doc = queryFieldSchema(field);
      const schemaObject = JSON.parse(JSON.stringify(doc.schema)) as SchemaObject; // drops undefined defaults
      return ApiQuery({
        name,
        required: false,
        description: field.description,
        schema: schemaObject,
        ...(doc.list ? { style: 'form' as const, explode: false } : {}),
      });
    }),
  );
}
