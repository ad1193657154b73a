/**
 * An error whose message already says what went wrong and what to do: a command prints it alone,
 * without a stack or a hint to rerun with `DEBUG=1` (see `command.ts`). Errors of that kind extend
 * it wherever they are defined, so the commands need not know them.
 */
export abstract class ExplainedError extends Error {}
