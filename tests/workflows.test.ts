// The two GitHub workflows, read as GitHub reads them: the site's Pages workflow and Part 1's CI
// (handed in at the root of the challenge's repository, which is content/devops/ here). A mistake
// in either shows only on GitHub's runner, after a push; these tests catch it here.
// `.ci/pages-dry-run` runs the Pages job's shell steps themselves on a clean clone.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { run } from '../src/lib/run-command.ts';
import { root } from './helpers/root.ts';
import { tempDir } from './helpers/temp.ts';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  'working-directory'?: string;
}
interface Job {
  defaults?: { run?: { 'working-directory'?: string } };
  steps: Step[];
}
interface Workflow {
  defaults?: { run?: { 'working-directory'?: string } };
  jobs: Record<string, Job>;
}

const workflows = [
  { file: '.github/workflows/deploy.yml', repository: root },
  {
    file: '.github/workflows/part-1.yml',
    // The export puts .github/ beside part-1/, at the root of the challenge's repository.
    repository: join(root, 'content/devops'),
  },
].map((workflow) => ({ ...workflow, path: join(workflow.repository, workflow.file) }));

/**
 * The current major of each action the workflows use, from each one's releases and README
 * (github.com/actions/<name>): v7 of checkout, setup-node and setup-python run on Node 24, which
 * GitHub moves JavaScript actions to. A release of a new major: raise it here and in both files.
 */
const currentMajors: Record<string, string> = {
  'actions/checkout': 'v7',
  'actions/setup-node': 'v7',
  'actions/setup-python': 'v7',
  'actions/configure-pages': 'v5',
  'actions/upload-pages-artifact': 'v5',
  'actions/deploy-pages': 'v5',
};

/** What the Python installed before a command must provide, by the command. */
const pythonNeeds: [RegExp, string[]][] = [
  // The kit's tests serve Part 1's app with gunicorn and run its tests with pytest (.ci/test-needs).
  [/^npm test\b/m, ['flask', 'gunicorn', 'pytest']],
  [/^python -m pytest\b/m, ['flask', 'pytest']],
];

const read = async (path: string) => parse(await readFile(path, 'utf8')) as Workflow;

/** A step's working directory, as GitHub resolves it: only `run` steps take the defaults. */
const workingDir = (workflow: Workflow, job: Job, step: Step) =>
  step['working-directory'] ??
  job.defaults?.run?.['working-directory'] ??
  workflow.defaults?.run?.['working-directory'] ??
  '.';

/** Every step of every job, with the folder its command runs in. */
async function steps(workflow: (typeof workflows)[number]) {
  const parsed = await read(workflow.path);
  return Object.entries(parsed.jobs).flatMap(([jobName, job]) =>
    job.steps.map((step, index) => ({
      jobName,
      index,
      step,
      dir: join(workflow.repository, step.run ? workingDir(parsed, job, step) : '.'),
    })),
  );
}

/** The lower-case names a pip requirements file asks for, following `-r` as pip does. */
async function requirementNames(file: string): Promise<string[]> {
  const names: string[] = [];
  for (const raw of (await readFile(file, 'utf8')).split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    const include = /^(?:-r|--requirement)\s+(\S+)/.exec(line);
    if (include) names.push(...(await requirementNames(join(dirname(file), include[1]!))));
    else if (line && !line.startsWith('-')) {
      names.push(/^[\w.-]+/.exec(line)![0].toLowerCase().replaceAll('_', '-'));
    }
  }
  return names;
}

/** The requirement files `pip install -r` reads in a command. */
const pipRequirements = (command: string) =>
  [...command.matchAll(/^\s*(?:python -m )?pip install\b.*?\s-r\s+(\S+)/gm)].map((m) => m[1]!);

/** The package.json of a dependency, where Node would find it from `dir` (workspaces hoist). */
function installed(dir: string, name: string): { bin?: string | Record<string, string> } {
  for (let at = dir; ; at = dirname(at)) {
    const path = join(at, 'node_modules', name, 'package.json');
    if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as { bin?: string };
    if (at === dirname(at)) throw new Error(`${name} is not installed for ${dir}`);
  }
}

const validator = join(root, 'node_modules/@action-validator/cli/cli.mjs');
const validate = (path: string) => run(process.execPath, [validator, path]);

describe.each(workflows)('$file', (workflow) => {
  it('is valid against the workflow schema (action-validator)', async () => {
    const result = await validate(workflow.path);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  it('uses the current major of each official action', async () => {
    for (const { jobName, step } of await steps(workflow)) {
      if (!step.uses) continue;
      const [action, ref] = step.uses.split('@');
      expect(currentMajors, `${jobName}: ${step.uses} is not known here`).toHaveProperty([action!]);
      expect(`${action}@${ref}`, jobName).toBe(`${action}@${currentMajors[action!]}`);
    }
  });

  it('calls only npm scripts that the package.json of its folder defines, and commands it installs', async () => {
    for (const { jobName, step, dir } of await steps(workflow)) {
      if (!step.run) continue;
      const where = `${jobName}: \`${step.run.trim()}\` in ${dir}`;
      const scripts = [...step.run.matchAll(/\bnpm (?:run(?:-script)? ([\w:.-]+)|(test|start))/g)];
      const npx = [...step.run.matchAll(/\bnpx ([\w.-]+)/g)].map((m) => m[1]!);
      if (!scripts.length && !npx.length && !/\bnpm (ci|install)\b/.test(step.run)) continue;
      const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
        scripts?: Record<string, string>;
        dependencies?: Record<string, string>;
        devDependencies?: Record<string, string>;
      };
      for (const match of scripts)
        expect(manifest.scripts, where).toHaveProperty([match[1] ?? match[2]!]);
      // `npm ci` installs exactly the lockfile; `npm install` checks it against the lockfile.
      if (/\bnpm (ci|install)\b/.test(step.run)) {
        expect(existsSync(join(dir, 'package-lock.json')), where).toBe(true);
      }
      const bins = npx.length
        ? Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).flatMap((name) => {
            const { bin } = installed(dir, name);
            return typeof bin === 'string' ? [name] : Object.keys(bin ?? {});
          })
        : [];
      for (const command of npx) expect(bins, `${where}: npx ${command}`).toContain(command);
    }
  });

  it('names only files that exist', async () => {
    const named: [string, string][] = [];
    for (const { jobName, step, dir } of await steps(workflow)) {
      // Actions' inputs are relative to the repository's root, whatever the run defaults say.
      for (const key of ['node-version-file', 'python-version-file', 'cache-dependency-path']) {
        const value = step.with?.[key];
        if (value) named.push([jobName, join(workflow.repository, value)]);
      }
      if (!step.run) continue;
      for (const match of step.run.matchAll(
        /(?:\s-r\s+|^\s*(?:node|bash|python)\s+|^\s*)(\.{0,2}\/?(?:\.ci|scripts|tests)\/[\w./-]+|[\w./-]+\.(?:txt|ts|js|py|sh))/gm,
      )) {
        named.push([jobName, join(dir, match[1]!)]);
      }
    }
    expect(named.length).toBeGreaterThan(1);
    for (const [jobName, path] of named) expect(existsSync(path), `${jobName}: ${path}`).toBe(true);
  });

  it('installs, before the tests, the Python packages they need', async () => {
    const all = await steps(workflow);
    let checked = 0;
    for (const [command, needs] of pythonNeeds) {
      for (const { jobName, index, step, dir } of all) {
        if (!step.run || !command.test(step.run)) continue;
        const before = all.filter((s) => s.jobName === jobName && s.index <= index);
        expect(
          before.some((s) => s.step.uses?.startsWith('actions/setup-python@')),
          `${jobName}: actions/setup-python before \`${step.run.trim()}\``,
        ).toBe(true);
        const names = [];
        for (const s of before) {
          for (const file of pipRequirements(s.step.run ?? '')) {
            names.push(...(await requirementNames(join(s.dir, file))));
          }
        }
        expect(names, `${jobName}: pip install before \`${step.run.trim()}\` in ${dir}`).toEqual(
          expect.arrayContaining(needs),
        );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('the Pages workflow and .ci/run', () => {
  const testNeeds = join(root, '.ci/test-needs');

  it('install what .ci/test-needs says the tests need: the workflow with pip, .ci/run with apt', async () => {
    const requirements = await run(testNeeds, ['requirements']);
    const deploy = (await steps(workflows[0]!)).map(({ step }) => step.run ?? '').join('\n');
    expect(pipRequirements(deploy)).toEqual([requirements.stdout.trim()]);
    const checkAt = deploy.indexOf('.ci/test-needs check');
    expect(checkAt).toBeGreaterThan(deploy.indexOf('pip install'));
    expect(checkAt).toBeLessThan(deploy.indexOf('npm test'));
    expect(await readFile(join(root, '.ci/run'), 'utf8')).toMatch(/^\.ci\/test-needs apt$/m);
    // Every name the requirements give has a Debian package for .ci/run.
    const packages = await run(testNeeds, ['packages']);
    expect(packages.code, packages.stderr).toBe(0);
    expect(packages.stdout.trim().split('\n')).toHaveLength(
      (await requirementNames(join(root, requirements.stdout.trim()))).length,
    );
  });

  it('check the Python here as the workflow does before `npm test`, and say what is missing', async () => {
    const here = await run(testNeeds, ['check']);
    expect(here.code, here.stderr).toBe(0);
    expect(here.stdout).toMatch(/which has flask gunicorn pytest/);
    // A machine without gunicorn: a PATH with only the commands the script itself runs.
    const bin = await tempDir('bin');
    for (const command of ['bash', 'env', 'head', 'sed', 'awk', 'dirname', 'sort']) {
      const found = (await run('sh', ['-c', `command -v ${command}`])).stdout.trim();
      await symlink(found, join(bin, command));
    }
    const bare = await run(testNeeds, ['check'], {
      env: { PATH: bin, PUPPETEER_EXECUTABLE_PATH: '/usr/bin/chromium' },
    });
    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain('gunicorn python3-flask python3-pytest');
    expect(bare.stderr).toContain('pip install -r content/devops/part-1/tests/requirements.txt');
  });
});

describe('the schema check', () => {
  it('rejects a workflow with a misspelled key', async () => {
    const dir = join(await tempDir('workflow'), '.github', 'workflows');
    await mkdir(dir, { recursive: true });
    const broken = join(dir, 'deploy.yml');
    const text = await readFile(workflows[0]!.path, 'utf8');
    await writeFile(broken, text.replace('runs-on:', 'runs_on:'));
    const result = await validate(broken);
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain("Additional property 'runs_on' is not allowed");
  });
});
