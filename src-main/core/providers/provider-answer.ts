// Provider answers are untrusted input: each is checked against a zod schema
// before Kith reads it. Schemas are lenient (loose or stripping objects, optional fields:
// providers add fields and drop empty ones) but a field of the wrong type is
// refused, as the malformed-answer E_PROVIDER rather than a TypeError later.
import type { z } from 'zod';
import { malformed } from './provider-http';

/** The parsed answer, or E_PROVIDER "… sent an answer Kith cannot read". */
export function parseAnswer<S extends z.ZodType>(schema: S, value: unknown, what: { provider: string; operation: string }): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw malformed(what, describeIssue(result.error.issues[0]));
}

/** A claim or field that is a non-empty string, else null (providers drop, blank or mistype optional ones). */
export function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/**
 * Where the answer went wrong, without any of its values (it may hold tokens): the path is made of
 * the schema's own keys and array indexes (loose and stripping objects never report keys they do not name), and
 * zod's messages name types and limits only.
 */
function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'unexpected shape';
  const path = issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('').replace(/^\./, '');
  return `${path || 'the answer'}: ${issue.message}`;
}
