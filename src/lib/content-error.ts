import { relative } from 'node:path';
import { ExplainedError } from './explained-error.ts';

/** Where in a source file a problem is; lines and columns count from 1. */
interface Place {
  line: number;
  column?: number;
}

/**
 * A problem in the candidate's content: it names the file and the line, says what is wrong and
 * how to fix it, so the message alone is enough to act on.
 */
export class ContentError extends ExplainedError {
  readonly file: string;
  readonly place: Place | undefined;
  readonly fix: string;

  constructor(file: string, place: Place | undefined, problem: string, fix: string) {
    const where = place ? `${file}:${place.line}${place.column ? `:${place.column}` : ''}` : file;
    super(`${where}: ${problem}\n  Fix: ${fix}`);
    this.name = 'ContentError';
    this.file = file;
    this.place = place;
    this.fix = fix;
  }
}

/** Paths in messages are relative to the working directory, as a person types them. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

/** Several problems found in one pass, reported together so one run shows every fix to make. */
export class ContentErrors extends ExplainedError {
  readonly problems: readonly ContentError[];

  constructor(problems: readonly ContentError[]) {
    super(
      `${problems.length} problems in the content:\n${problems.map((p) => `- ${p.message}`).join('\n')}`,
    );
    this.name = 'ContentErrors';
    this.problems = problems;
  }
}
