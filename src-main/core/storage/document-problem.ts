// A document Kith could not use. It is never dropped silently: the file is
// moved aside (so nothing is overwritten) and the problem is reported to the
// caller, the log and the status surface.
import type { ZodError } from 'zod';
import type { DocumentName } from '../ports';

export type DocumentProblemKind = 'corrupt' | 'invalid';

export interface DocumentProblem {
  document: DocumentName;
  /** corrupt: the file could not be parsed; invalid: it parsed but does not have the expected shape. */
  kind: DocumentProblemKind;
  /** Where the bad file now lives, or null when it could not be moved. */
  movedTo: string | null;
  /** A sentence a person can read; never contains document contents. */
  message: string;
}

export function describeProblem(document: DocumentName, kind: DocumentProblemKind, movedTo: string | null, reason: string): string {
  const what = kind === 'corrupt' ? 'was damaged and could not be read' : 'did not have the expected contents';
  const where = movedTo ? `It was moved aside to ${movedTo} and Kith started it afresh` : 'It could not be moved aside; Kith ignored it for now';
  return `Kith's "${document}" data ${what} (${reason}). ${where}.`;
}

/**
 * Summarises schema failures by path and message only. Zod messages can quote
 * allowed values but not the rejected input; paths are field names and indexes,
 * so no secret from the file reaches a log line.
 */
export function summariseIssues(error: ZodError, max = 3): string {
  const parts = error.issues.slice(0, max).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
    return `${path}: ${issue.message}`;
  });
  const more = error.issues.length > max ? ` and ${error.issues.length - max} more` : '';
  return `${parts.join('; ')}${more}`;
}
