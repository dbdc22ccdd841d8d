// A mistake in how the command was typed: printed with the usage, exit 2.
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
