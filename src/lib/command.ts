import { constants } from 'node:os';
import { ExplainedError } from './explained-error.ts';
import { sweepLeftovers } from './leftovers.ts';

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

const signalNames = {
  SIGINT: 'Ctrl-C (SIGINT)',
  SIGTERM: 'SIGTERM',
  SIGHUP: 'a closed terminal (SIGHUP)',
} as const;
type HandledSignal = keyof typeof signalNames;

/** What an interruption would leave, as of now: said in the line an interrupted command prints. */
let leaves = 'submission/ is unchanged.';
/** Work under way that an interruption waits for (a swap of two folders), and the signal it holds. */
let holds = 0;
let held: HandledSignal | undefined;
let interrupt: ((signal: HandledSignal) => void) | undefined;

/** Says what an interruption from now on leaves: a command that has replaced its output says so. */
export function interruptionLeaves(text: string): void {
  leaves = text;
}

/**
 * Runs `work` to its end even if the command is interrupted meanwhile: the interruption takes
 * effect after it. For steps that must not stop halfway, such as swapping a folder for another.
 */
export async function uninterruptible<T>(work: () => Promise<T>): Promise<T> {
  holds++;
  try {
    return await work();
  } finally {
    holds--;
    if (holds === 0 && held) interrupt?.(held);
  }
}

/**
 * SIGINT, SIGTERM and SIGHUP end the command with one line saying what was interrupted and what
 * that leaves, and the conventional status (128 + the signal's number); exiting stops its browser
 * and its builds and removes its temporary folders (see leftovers.ts).
 */
function exitOnSignals(name: string): void {
  interrupt = (signal) => {
    if (holds > 0) {
      held = signal;
      return;
    }
    console.error(`\n${name} interrupted by ${signalNames[signal]}: ${leaves}`);
    process.exit(128 + constants.signals[signal]);
  };
  for (const signal of Object.keys(signalNames) as HandledSignal[]) {
    process.on(signal, () => interrupt?.(signal));
  }
}

/**
 * Runs a command's work and ends every failure the same way: one line saying what went wrong
 * and what to do, `after` (what the command guarantees), no stack unless asked, exit code 1.
 * Before it starts, it removes what killed runs left in the temp folder; an interruption ends it
 * as `exitOnSignals` says.
 */
export async function runCommand(
  name: string,
  work: () => Promise<void>,
  { after, verbose }: { after?: string; verbose: boolean },
): Promise<void> {
  exitOnSignals(name);
  sweepLeftovers();
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
