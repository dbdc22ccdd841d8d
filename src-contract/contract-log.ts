// Where the contract's machinery (dispatcher, event forwarder) reports what it
// withheld: by method or event name and schema path only, never a payload.
// The core's Logger fits; the contract defines its own so it imports nothing
// of the main process.
export interface ContractLog {
  error(message: string, data?: Record<string, unknown>): void;
}
