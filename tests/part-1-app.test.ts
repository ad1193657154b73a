// The Part 1 Flask app over real HTTP, served by gunicorn with its own config, as in the image.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appDir } from './helpers/part-1.ts';
import { run } from '../src/lib/run-command.ts';

const token = 'kit-test-9f2c7a1e5b8d4036';
const missingServer =
  'gunicorn and Flask are needed: `apt-get install gunicorn python3-flask` (what .ci/run does) or `pip install -r requirements.txt`.';

interface Server {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts gunicorn on a port the system picks, and resolves once it listens. */
function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(
    'gunicorn',
    ['--config', 'gunicorn.conf.py', '--bind', '127.0.0.1:0', 'app:app'],
    {
      cwd: appDir,
      env: { PATH: process.env.PATH!, PYTHONDONTWRITEBYTECODE: '1', ...env },
    },
  );
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

describe('the Flask app', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ APP_SECRET_TOKEN: token });
  });
  afterAll(() => {
    server?.child.kill();
  });

  const get = (path: string, authorization?: string) =>
    fetch(
      `${server.url}${path}`,
      authorization ? { headers: { Authorization: authorization } } : {},
    );

  it('refuses a call without the header, and names the scheme it wants', async () => {
    const response = await get('/');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Token\b/);
    expect(await response.json()).toEqual({
      error: expect.stringContaining('Authorization: Token'),
    });
  });

  it('refuses a wrong token, another scheme, and an empty token', async () => {
    for (const header of [
      `Token ${token}x`,
      'Token wrong',
      `Bearer ${token}`,
      `Basic ${token}`,
      'Token ',
      token,
    ]) {
      expect((await get('/', header)).status, header).toBe(401);
    }
  });

  it('answers the right token, whatever the case of the scheme', async () => {
    for (const header of [`Token ${token}`, `token ${token}`]) {
      const response = await get('/', header);
      expect(response.status, header).toBe(200);
      expect(await response.json()).toEqual({ message: expect.any(String) });
    }
  });

  it('keeps unknown paths behind the token: 401 without it, 404 with it', async () => {
    expect((await get('/admin')).status).toBe(401);
    expect((await get('/admin', `Token ${token}`)).status).toBe(404);
  });

  it('answers the health check without a token', async () => {
    const response = await get('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('logs each request as one JSON line, and never the token', async () => {
    await get('/', `Token ${token}`);
    await get('/', 'Token wrong');
    const lines = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({ method: 'GET', path: '/', status: 200 }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ method: 'GET', path: '/', status: 401 }),
    );
    expect(server.output()).not.toContain(token);
  });
});

describe('starting the Flask app', () => {
  for (const [name, env] of [
    ['without APP_SECRET_TOKEN', {}],
    ['with an empty APP_SECRET_TOKEN', { APP_SECRET_TOKEN: '  ' }],
  ] as const) {
    it(`stops ${name}, and says how to set it`, async () => {
      const result = await run(
        'gunicorn',
        ['--config', 'gunicorn.conf.py', '--bind', '127.0.0.1:0', 'app:app'],
        {
          cwd: appDir,
          env: { PATH: process.env.PATH!, PYTHONDONTWRITEBYTECODE: '1', ...env },
        },
      );
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('APP_SECRET_TOKEN is not set or is empty');
      expect(result.stderr).not.toContain('Listening at');
    });
  }
});
