// The Logger for tests: it keeps every entry exactly as the code under test
// passed it, not redacted, so "no token in the log" assertions catch a token
// handed to the logger even where the real logger's redactor would hide it.
import type { LogEntry } from '../log/logger';
import type { Logger } from '../ports';

export interface RecordingLogger extends Logger {
  readonly entries: LogEntry[];
  /** One line per entry: "<level> <message> <data as JSON>". */
  readonly lines: string[];
  /** Every line, joined. */
  text(): string;
}

export function createRecordingLogger(now: () => number = Date.now): RecordingLogger {
  const entries: LogEntry[] = [];
  const lines: string[] = [];
  const record = (level: LogEntry['level']) => (message: string, data?: Record<string, unknown>) => {
    entries.push({ level, time: now(), message, ...(data ? { data } : {}) });
    lines.push(`${level} ${message} ${data ? JSON.stringify(data) : ''}`);
  };
  return { entries, lines, text: () => lines.join('\n'), info: record('info'), warn: record('warn'), error: record('error') };
}
