// `npm run sandbox -- --port <p> [flags]`: starts the sandbox on 127.0.0.1,
// prints its base URL, stops cleanly on SIGINT/SIGTERM.
import { parseCliArgs, USAGE } from './cli-args';
import { startSandbox } from './server';

async function main(): Promise<void> {
  let args;
  try {
    args = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const sandbox = await startSandbox({ ...args.options, ...(args.quiet ? {} : { log: (line: string) => console.log(line) }) });
  console.log(`Kith sandbox listening on ${sandbox.url}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Kith sandbox stopping (${signal})`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`Kith sandbox failed to start: ${(error as Error).message}`);
  process.exit(1);
});
