// A Logger that keeps every line, so tests can assert nothing secret was logged.
import type { Logger } from '../ports';

export interface RecordingLogger extends Logger {
  readonly lines: string[];
}

export function createRecordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const record = (level: string) => (message: string, data?: Record<string, unknown>) => {
    lines.push(`${level} ${message} ${data ? JSON.stringify(data) : ''}`);
  };
  return { lines, info: record('info'), warn: record('warn'), error: record('error') };
}
