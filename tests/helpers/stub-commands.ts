import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { tempDir } from './temp.ts';

/** What a stubbed command answers when its command line starts with `match`. */
export interface StubAnswer {
  match: string;
  stdout?: string;
  stderr?: string;
  code?: number;
}

/** One call a stub received, with the contents of any `file://` argument at the time of the call. */
export interface StubCall {
  command: string;
  args: string[];
  files: Record<string, string>;
}

// Records its command line, then answers from the first matching entry (exit 0 by default).
const stubSource = `const { appendFileSync, readFileSync } = require('node:fs');
const { basename } = require('node:path');
const command = basename(process.argv[1]);
const args = process.argv.slice(2);
const files = {};
for (const arg of args) {
  if (arg.startsWith('file://')) {
    const path = arg.slice('file://'.length);
    try { files[path] = readFileSync(path, 'utf8'); } catch { files[path] = null; }
  }
}
appendFileSync(process.env.STUB_LOG, JSON.stringify({ command, args, files }) + '\\n');
const line = [command, ...args].join(' ');
const answers = JSON.parse(readFileSync(process.env.STUB_ANSWERS, 'utf8'));
const answer = answers.find((a) => line.startsWith(a.match)) ?? {};
if (answer.stdout) process.stdout.write(answer.stdout);
if (answer.stderr) process.stderr.write(answer.stderr);
process.exit(answer.code ?? 0);
`;

/** Stubs of `commands` in a fresh folder, with the environment that puts them first on PATH. */
export async function stubCommands(commands: readonly string[], answers: readonly StubAnswer[]) {
  const dir = await tempDir('stubs');
  const bin = join(dir, 'bin');
  const log = join(dir, 'calls.jsonl');
  const answersFile = join(dir, 'answers.json');
  await writeFile(log, '');
  await writeFile(answersFile, JSON.stringify(answers));
  await mkdir(bin);
  for (const command of commands) {
    await writeFile(join(bin, command), `#!${process.execPath}\n${stubSource}`);
    await chmod(join(bin, command), 0o755);
  }
  return {
    env: {
      // Only the stubs and Node: a real aws, cdk or docker on this machine is never reached.
      PATH: `${bin}:${dirname(process.execPath)}`,
      STUB_LOG: log,
      STUB_ANSWERS: answersFile,
    },
    async calls(): Promise<StubCall[]> {
      const text = await readFile(log, 'utf8');
      return text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as StubCall);
    },
  };
}
