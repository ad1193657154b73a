import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { astroEnv } from '../src/lib/astro-build.ts';
import { ownerOf } from '../src/lib/leftovers.ts';
import { oneBuildAtATime } from './helpers/build-lock.ts';
import { manifestHashes } from './helpers/handed-in.ts';
import {
  descendants,
  processEntry,
  stillRunning,
  type ProcessEntry,
} from './helpers/process-tree.ts';
import { root } from './helpers/root.ts';
import { runScript } from './helpers/run-script.ts';
import { sharedExport } from './helpers/shared-export.ts';
import { tempDir } from './helpers/temp.ts';

// What each test started, to kill if it fails before it ends: only these processes, checked by
// their start time, never another run's.
const runs: { run: Started; group: boolean }[] = [];
const recorded: ProcessEntry[] = [];
afterEach(() => {
  for (const { run, group } of runs.splice(0)) {
    const self = processEntry(run.child.pid!);
    recorded.push(...(self ? [self] : []), ...descendants(run.child.pid!));
    if (group && run.child.exitCode === null && run.child.signalCode === null) {
      process.kill(-run.child.pid!, 'SIGKILL');
    }
  }
  for (const entry of stillRunning(recorded.splice(0))) process.kill(entry.pid, 'SIGKILL');
});

interface Started {
  child: ChildProcess;
  output: () => { stdout: string; stderr: string };
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(command: string, args: string[], env: Record<string, string>, group = false) {
  const child = spawn(command, args, {
    cwd: root,
    // As from a terminal: without what Vitest sets for itself (NODE_ENV=test, VITEST…).
    env: {
      ...Object.fromEntries(
        Object.entries(astroEnv()).filter(
          ([key]) => key !== 'NODE_ENV' && !key.startsWith('VITEST'),
        ),
      ),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A group of its own, as a terminal gives a command: Ctrl-C goes to the whole group.
    detached: group,
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const run: Started = { child, output: () => ({ stdout, stderr }), ended };
  runs.push({ run, group });
  return run;
}

async function until(what: string, holds: () => boolean, ms = 240_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!holds()) {
    if (Date.now() > deadline) throw new Error(`waited ${ms / 1000} s for ${what}`);
    await sleep(50);
  }
}

/** Everything `run` started, now, recorded for the checks after the kill (and the cleanup). */
function treeOf(run: Started): ProcessEntry[] {
  const tree = descendants(run.child.pid!);
  recorded.push(...tree);
  return tree;
}

const chromiumIn = (tree: readonly ProcessEntry[]) => tree.some((p) => p.comm === 'chromium');

/** Within 2 s, not one of `tree` runs any more (a zombie has ended: only its status is left). */
async function expectAllGone(tree: readonly ProcessEntry[]): Promise<void> {
  const deadline = Date.now() + 2000;
  while (stillRunning(tree).length > 0 && Date.now() < deadline) await sleep(50);
  expect(stillRunning(tree).map((p) => `${p.pid} ${p.comm}`)).toEqual([]);
}

/** Every file of a folder and its SHA-256, by path. */
function snapshot(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) =>
    e.isFile(),
  );
  return new Map(
    files.map((e) => {
      const path = join(e.parentPath, e.name);
      return [relative(dir, path), createHash('sha256').update(readFileSync(path)).digest('hex')];
    }),
  );
}

/** `submission/` is the one it was, and every file its MANIFEST lists has the bytes it lists. */
function expectIntact(out: string, before: Map<string, string>): void {
  const after = snapshot(out);
  expect(after).toEqual(before);
  const listed = manifestHashes(readFileSync(join(out, 'MANIFEST.md'), 'utf8'));
  expect(listed.size).toBeGreaterThan(10);
  for (const [path, hash] of listed) expect(after.get(path), path).toBe(hash);
}

/** A copy of the shared export's `submission/`, in a folder of its own, and its files' hashes. */
async function previousSubmission() {
  const { submissionDir } = await sharedExport();
  const dir = await tempDir('interrupted');
  const out = join(dir, 'submission');
  await cp(submissionDir, out, { recursive: true });
  return { dir, out, before: snapshot(out) };
}

/** The temp folders that processes of `tree` made and that are still there. */
function foldersOf(tree: readonly ProcessEntry[]): string[] {
  const pids = new Set(tree.map((p) => p.pid));
  return readdirSync(tmpdir()).filter((name) => pids.has(ownerOf(join(tmpdir(), name)) ?? -1));
}

/**
 * `npm run export` (the command itself, as npm starts it) writing over `out`, stopped once it
 * builds the site for its PDFs in its browser: the moment it has the most going on (a Chromium, an
 * Astro build in a child process, its temp folders).
 */
async function exportStoppedMidway(out: string) {
  const run = start(process.execPath, ['scripts/export.ts', '--out', out], {});
  await until(
    'the export to build its PDFs’ site with its browser running',
    () =>
      foldersOf([processEntry(run.child.pid!)!]).some((name) => name.includes('-pdf-')) &&
      chromiumIn(descendants(run.child.pid!)),
  );
  // The build in its child process too, rendering in that browser.
  await until('the site build to start', () =>
    descendants(run.child.pid!).some((p) => p.comm !== 'chromium' && p.comm !== 'sh'),
  );
  return { run, tree: [processEntry(run.child.pid!)!, ...treeOf(run)] };
}

// Each waits for a build (the export's own) and, on a fresh clone, for the shared export: minutes
// on a loaded machine.
describe('an interrupted export leaves nothing behind', { timeout: 600_000 }, () => {
  it.each([
    ['SIGINT', 130, 'Ctrl-C \\(SIGINT\\)'],
    ['SIGTERM', 143, 'SIGTERM'],
  ] as const)(
    '%s: its browser and build end, its temp folders go, it says so in one line and exits %i',
    async (signal, status, named) => {
      const { dir, out, before } = await previousSubmission();
      await oneBuildAtATime(async () => {
        const { run, tree } = await exportStoppedMidway(out);
        expect(chromiumIn(tree)).toBe(true);
        run.child.kill(signal);
        const { code } = await run.ended;
        await expectAllGone(tree);
        expect(code).toBe(status);
        const { stderr } = run.output();
        expect(stderr.trim()).toMatch(
          new RegExp(`^export interrupted by ${named}: ${RegExp.escape(out)}/ is unchanged\\.$`),
        );
        expect(foldersOf(tree)).toEqual([]);
      });
      expect(readdirSync(dir)).toEqual(['submission']);
      expectIntact(out, before);
    },
  );

  it('SIGKILL: its browser and build end within 2 s, and the next run removes what it left', async () => {
    const { dir, out, before } = await previousSubmission();
    const tree = await oneBuildAtATime(async () => {
      const { run, tree } = await exportStoppedMidway(out);
      expect(chromiumIn(tree)).toBe(true);
      run.child.kill('SIGKILL');
      await run.ended;
      await expectAllGone(tree);
      return tree;
    });
    expectIntact(out, before);
    // What only SIGKILL leaves: its folders (the PDFs' site), never a process. The next command
    // removes them.
    expect(foldersOf(tree)).not.toEqual([]);
    const next = await runScript('export', ['--no-pdf', '--out', out]);
    expect(next.code, next.stderr).toBe(0);
    expect(foldersOf(tree)).toEqual([]);
    expect(readdirSync(dir)).toEqual(['submission']);
    const listed = manifestHashes(readFileSync(join(out, 'MANIFEST.md'), 'utf8'));
    for (const [path, hash] of listed) expect(snapshot(out).get(path), path).toBe(hash);
  });
});

describe('npm run dev stopped with Ctrl-C', { timeout: 600_000 }, () => {
  it('ends its browser within 2 s and leaves no temp folder', async () => {
    const dir = await tempDir('interrupted-dev');
    await oneBuildAtATime(async () => {
      // An empty diagram cache: the first page with a diagram launches the server's browser.
      const run = start(
        'npm',
        ['run', 'dev', '--', '--port', '0'],
        { KIT_DIAGRAM_CACHE_DIR: join(dir, 'diagrams'), KIT_CACHE_DIR: join(dir, 'astro') },
        true,
      );
      const listening = /http:\/\/localhost:\d+\//;
      await until('the dev server to listen', () => listening.test(run.output().stdout));
      const url = listening.exec(run.output().stdout)![0];
      // Asked again until it answers: Vite may restart the server once, to bundle dependencies.
      let page: Promise<unknown> | undefined;
      await until('the dev server to launch its browser', () => {
        page ??= fetch(`${url}cloud-computing/`).catch(() => (page = undefined));
        // Launched: its watchdog (sh) runs beside it.
        const tree = descendants(run.child.pid!);
        return chromiumIn(tree) && tree.some((p) => p.comm === 'sh' && p.ppid !== run.child.pid);
      }).catch((error: unknown) => {
        const { stdout, stderr } = run.output();
        throw new Error(`${(error as Error).message}; it printed:\n${stdout}${stderr}`);
      });
      const tree = [processEntry(run.child.pid!)!, ...treeOf(run)];
      // What a terminal does on Ctrl-C: SIGINT to every process of the foreground group.
      process.kill(-run.child.pid!, 'SIGINT');
      await run.ended;
      await page;
      await expectAllGone(tree);
      await until('its temp folders to go', () => foldersOf(tree).length === 0, 2000);
    });
  });
});
