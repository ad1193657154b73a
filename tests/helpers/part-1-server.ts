// The Part 1 Flask app served by gunicorn with its own config, as in the image, and the Python
// that gunicorn runs (the one that has Flask), for the app's own tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { appDir } from './part-1.ts';

export const missingServer =
  'gunicorn and Flask are needed: `apt-get install gunicorn python3-flask python3-pytest` (what .ci/run does) or `pip install -r tests/requirements.txt` in part-1/.';

/** The arguments the image's CMD gives gunicorn, bound to a port the system picks. */
export const gunicornArgs = [
  '--config',
  'gunicorn.conf.py',
  '--bind',
  '127.0.0.1:0',
  'app:create_app()',
];

export const appEnv = (env: Record<string, string>) => ({
  PATH: process.env.PATH!,
  PYTHONDONTWRITEBYTECODE: '1',
  ...env,
});

/** The interpreter on gunicorn's `#!` line: the Python that has Flask (and, in CI, pytest). */
export function appPython(): string {
  const gunicorn = process.env
    .PATH!.split(':')
    .map((dir) => `${dir}/gunicorn`)
    .find((path) => {
      try {
        return readFileSync(path, 'utf8').startsWith('#!');
      } catch {
        return false;
      }
    });
  if (!gunicorn) throw new Error(missingServer);
  const shebang = readFileSync(gunicorn, 'utf8').split('\n', 1)[0]!.slice(2).trim().split(/\s+/);
  return shebang[0] === '/usr/bin/env' ? shebang[1]! : shebang[0]!;
}

export interface AppServer {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts gunicorn and resolves once it listens. */
export function startApp(env: Record<string, string>): Promise<AppServer> {
  const child = spawn('gunicorn', gunicornArgs, { cwd: appDir, env: appEnv(env) });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const listening = /Listening at: (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (listening) resolve({ child, url: listening[1]!, output: () => output });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => reject(new Error(`${error.message}. ${missingServer}`)));
    child.on('exit', (code) =>
      reject(new Error(`gunicorn exited (${code}) before listening:\n${output}`)),
    );
  });
}
