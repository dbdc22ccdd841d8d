// The Logger every shell wires: one line per entry, secrets redacted from the
// message and from structured data, written to stderr by default so stdout
// stays clean for `--json` output.
import type { Logger } from '../ports';
import { redactText, redactValue } from './redact';

export type LogLevel = 'info' | 'warn' | 'error';

export interface LogEntry {
  level: LogLevel;
  time: number;
  message: string;
  data?: Record<string, unknown>;
}

export interface LoggerOptions {
  /** Receives each formatted line (without newline); defaults to stderr. */
  sink?: (line: string) => void;
  /** Entries below this level are dropped. */
  level?: LogLevel;
  now?: () => number;
  /** Prefix for each line, e.g. "kith". */
  name?: string;
}

const ORDER: Record<LogLevel, number> = { info: 0, warn: 1, error: 2 };

export function formatLogEntry(entry: LogEntry, name = 'kith'): string {
  const data = entry.data && Object.keys(entry.data).length > 0 ? ` ${safeJson(entry.data)}` : '';
  return `${new Date(entry.time).toISOString()} ${name} ${entry.level}: ${entry.message}${data}`;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const sink = options.sink ?? ((line: string) => process.stderr.write(`${line}\n`));
  const min = ORDER[options.level ?? 'info'];
  const now = options.now ?? Date.now;
  const write = (level: LogLevel, message: string, data?: Record<string, unknown>) => {
    if (ORDER[level] < min) return;
    const entry = redactEntry({ level, time: now(), message, ...(data ? { data } : {}) });
    try {
      sink(formatLogEntry(entry, options.name));
    } catch {
      // Logging must never take the app down (a closed stderr pipe, for one).
    }
  };
  return {
    info: (message, data) => write('info', message, data),
    warn: (message, data) => write('warn', message, data),
    error: (message, data) => write('error', message, data),
  };
}

export function redactEntry(entry: LogEntry): LogEntry {
  const data = entry.data === undefined ? undefined : (redactValue(entry.data) as Record<string, unknown>);
  return { level: entry.level, time: entry.time, message: redactText(entry.message), ...(data ? { data } : {}) };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return '"[unserialisable]"';
  }
}
