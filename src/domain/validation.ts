import type { ZodType } from 'zod';
import { InputError, type Problem } from '../errors.ts';

/**
 * Validates `value` against a schema and returns it typed, or throws one InputError that lists every
 * problem with its field path (prefixed by `where`, e.g. a file name).
 */
export function parseOrThrow<T>(schema: ZodType<T>, value: unknown, where = ''): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems: Problem[] = result.error.issues.map((issue) => ({
    path: formatPath(where, issue.path),
    code: 'invalid_field',
    message: issue.message,
  }));
  throw new InputError(problems);
}

function formatPath(where: string, path: readonly PropertyKey[]): string {
  let out = where;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}
