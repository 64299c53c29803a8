import { UserError } from '../../shared/errors';

/** Runs a command, prints its JSON result on stdout and any error on stderr (exit code 1). */
export async function runCli(command: (argv: string[]) => Promise<unknown>, usage: string): Promise<void> {
  try {
    const result = await command(process.argv.slice(2));
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } catch (e) {
    const err = e as Error;
    // Argument and file errors are the user's to fix: show the message and the usage, no stack.
    process.stderr.write(`error: ${err.message}\n${err instanceof UserError ? `\n${usage}\n` : `${err.stack ?? ''}\n`}`);
    process.exitCode = 1;
  }
}
