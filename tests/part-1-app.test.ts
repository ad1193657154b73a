// The Part 1 Flask app: its own tests as the reviewer runs them (`python -m pytest` in part-1/),
// and the app over real HTTP under gunicorn with the image's command line.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { appDir, part1Dir } from './helpers/part-1.ts';
import {
  appEnv,
  appPython,
  gunicornArgs,
  startApp,
  type AppServer,
} from './helpers/part-1-server.ts';
import { run } from '../src/lib/run-command.ts';

const token = 'kit-test-9f2c7a1e5b8d4036';

describe('the app’s own tests', () => {
  it('pass with `python -m pytest` from part-1/, as the README and the workflow run them', async () => {
    const result = await run(appPython(), ['-m', 'pytest', '-q'], {
      cwd: part1Dir,
      env: appEnv({}),
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/\b\d{2,} passed\b/);
  });
});

describe('Part 1’s GitHub workflow', () => {
  it('runs, inside part-1/, the app’s tests, the synth with cdk-nag, the NIST comparison and the template check these tests run', async () => {
    const workflow = parse(
      await readFile(new URL('../.github/workflows/part-1.yml', `file://${part1Dir}`), 'utf8'),
    ) as {
      defaults: { run: { 'working-directory': string } };
      jobs: Record<string, { steps: { run?: string }[] }>;
    };
    expect(workflow.defaults.run['working-directory']).toBe('part-1');
    const commands = Object.values(workflow.jobs).flatMap((job) =>
      job.steps.flatMap((step) => (step.run ? [step.run] : [])),
    );
    expect(commands).toEqual([
      'pip install -r tests/requirements.txt',
      'python -m pytest -v',
      'npm ci',
      'npm run check',
      'npx cdk synth --quiet --no-notices',
      // npm run nist's second half, on the cdk.out the synth just wrote
      'node scripts/nist.ts',
      // template.yaml, the console route, is what the CDK app makes now
      'npm run template && git diff --exit-code template.yaml',
    ]);
  });
});

describe('the Flask app under gunicorn, behind two proxies', () => {
  let server: AppServer;
  beforeAll(async () => {
    server = await startApp({ APP_SECRET_TOKEN: token, TRUSTED_PROXY_HOPS: '2' });
  });
  afterAll(() => {
    server?.child.kill();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { headers });

  it('answers the right token and the health check, and refuses the rest with 401', async () => {
    expect((await get('/', { Authorization: `Token ${token}` })).status).toBe(200);
    expect((await get('/healthz')).status).toBe(200);
    const refused = await get('/');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Token\b/);
    expect((await get('/admin')).status).toBe(401);
  });

  it('logs the address CloudFront appended, never the token nor what the client wrote', async () => {
    await get('/', {
      Authorization: `Token ${token}`,
      'X-Forwarded-For': '198.51.100.66, 203.0.113.7, 10.0.1.25',
    });
    const lines = () =>
      server
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    // gunicorn's worker may write the line a moment after the response has left.
    await expect
      .poll(lines)
      .toContainEqual(
        expect.objectContaining({ path: '/', status: 200, client_ip: '203.0.113.7' }),
      );
    expect(server.output()).not.toContain(token);
    expect(server.output()).not.toContain('198.51.100.66');
  });
});

describe('starting the Flask app', () => {
  for (const [name, env, message] of [
    ['without APP_SECRET_TOKEN', {}, 'APP_SECRET_TOKEN is not set or is empty'],
    ['with an empty APP_SECRET_TOKEN', { APP_SECRET_TOKEN: '  ' }, 'is not set or is empty'],
    ['with a short token', { APP_SECRET_TOKEN: 'short' }, 'at least 16 printable ASCII'],
    ['with a non-ASCII token', { APP_SECRET_TOKEN: 'contraseña-muy-secreta' }, 'outside ASCII'],
  ] as const) {
    it(`stops ${name}, and says how to fix it`, async () => {
      const result = await run('gunicorn', gunicornArgs, { cwd: appDir, env: appEnv(env) });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toContain('Listening at');
    });
  }
});
