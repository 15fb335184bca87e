import { ArgumentMetadata, BadRequestException, PipeTransform, UnsupportedMediaTypeException } from '@nestjs/common';
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

/** A UTF-16 surrogate without its pair: not a character, so it cannot be stored as text or JSON. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why PostgreSQL could not store or compare a string (U+0000, a lone surrogate), or null when it can. */
function unstorable(text: string): string | null {
  if (text.includes('\u0000')) return 'the NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'an unpaired UTF-16 surrogate (not a character)';
  return null;
}

/**
 * Every string in a request part (values and field names) that PostgreSQL cannot store in text or JSON: it would fail
 * the query, or the audit record of the request. Walks without recursion, so a deeply nested body cannot overflow the
 * stack.
 */
export function unstorableIssues(value: unknown, prefix = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const stack: Array<[unknown, string]> = [[value, prefix]];
  while (stack.length > 0 && issues.length < 20) {
    const [current, path] = stack.pop() as [unknown, string];
    const field = path || '(root)';
    if (typeof current === 'string') {
      const why = unstorable(current);
      if (why) issues.push({ field, message: `${field} must not contain ${why}` });
    } else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        const why = unstorable(key);
        if (why) issues.push({ field, message: `a field name in ${field} contains ${why}` });
        else stack.push([child, path ? `${path}.${key}` : key]);
      }
    }
  }
  return issues;
}

/** A 400 whose message names the bad fields (first few) and whose `issues` list every one. */
export function invalidRequest(issues: FieldIssue[]): BadRequestException {
  const named = issues
    .slice(0, 3)
    .map((issue) => (issue.message.startsWith(issue.field) ? issue.message : `${issue.field}: ${issue.message}`));
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return new BadRequestException({ message: `Invalid request: ${named.join('; ')}${more}`, issues });
}

/** Validates and converts a request part with a zod schema; a failure is a 400 naming each bad field. */
export class ZodPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: ZodType<T, ZodTypeDef, unknown>) {}

  transform(value: unknown, metadata?: ArgumentMetadata): T {
    // A text body (text/plain, text/csv) where the route reads JSON: the media type is wrong, not a field.
    if (metadata?.type === 'body' && typeof value === 'string') {
      throw new UnsupportedMediaTypeException('This route reads a JSON body: send it as Content-Type application/json');
    }
    // A path parameter arrives as a bare string: name it after the parameter.
    const unstorableValues = unstorableIssues(value, metadata?.type === 'param' ? (metadata.data ?? '') : '');
    if (unstorableValues.length > 0) throw invalidRequest(unstorableValues);
    const parsed = this.schema.safeParse(value ?? {});
    if (parsed.success) return parsed.data;
    const prefix = metadata?.type === 'param' && metadata.data ? [metadata.data] : [];
    throw invalidRequest(fieldIssues(parsed.error.issues, prefix));
  }
}
