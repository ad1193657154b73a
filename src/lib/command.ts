import { ExplainedError } from './explained-error.ts';

/** A command line the command cannot act on; its message says what to type instead. */
export class UsageError extends ExplainedError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Whether the error's message already says what went wrong and what to do: no stack adds to it. */
function isExplained(error: unknown): boolean {
  return error instanceof ExplainedError;
}

/**
 * The error as Astro should print it: Astro prints any stack it finds, so an error whose message
 * says it all loses its stack, unless the person asked for stacks.
 */
export function forAstro(error: unknown, verbose: boolean): unknown {
  if (!verbose && error instanceof Error && isExplained(error)) error.stack = '';
  return error;
}

/**
 * Runs a command's work and ends every failure the same way: one line saying what went wrong
 * and what to do, `after` (what the command guarantees), no stack unless asked, exit code 1.
 */
export async function runCommand(
  name: string,
  work: () => Promise<void>,
  { after, verbose }: { after?: string; verbose: boolean },
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`${name} failed: ${message}`);
    if (after) console.error(after);
    if (verbose && error instanceof Error && error.stack) console.error(error.stack);
    else if (!isExplained(error))
      console.error('Run it again with DEBUG=1 to see where it failed.');
    process.exitCode = 1;
  }
}
