import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import puppeteer, { type Browser } from 'puppeteer';
import { ExplainedError } from './explained-error.ts';
import { ownedTempDir, removeOwnedTempDir, stopOnExit } from './leftovers.ts';
import { processesUsing } from './processes-using.ts';

interface FoundBrowser {
  path: string;
  /** Where it was found, for messages: the variable, puppeteer's download, or the system. */
  source: 'PUPPETEER_EXECUTABLE_PATH' | 'puppeteer' | 'system';
}

/** Where Chromium and Chrome install themselves on Debian, other Linuxes, macOS and Windows. */
const systemBrowserPaths = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

const howToGetABrowser = [
  'Get one of these:',
  '  - with internet: npx puppeteer browsers install chrome',
  '  - on Debian or Ubuntu: sudo apt-get install chromium',
  '  - any Chrome or Chromium you have: export PUPPETEER_EXECUTABLE_PATH=/path/to/chrome',
].join('\n');

/** No browser to render or print with: the message says which were tried and how to get one. */
export class BrowserNotFoundError extends ExplainedError {
  constructor(problem: string) {
    super(`${problem}\n${howToGetABrowser}`);
    this.name = 'BrowserNotFoundError';
  }
}

/** Where to look; the defaults are this process's environment, puppeteer's cache and the system. */
interface BrowserSearch {
  env?: NodeJS.ProcessEnv;
  download?: () => Promise<string | undefined>;
  systemPaths?: readonly string[];
}

/**
 * The one place that decides which browser renders diagrams, prints and runs the tests:
 * `PUPPETEER_EXECUTABLE_PATH`, then the browser puppeteer downloaded, then the system's.
 */
export async function findBrowser({
  env = process.env,
  download = puppeteerDownload,
  systemPaths = systemBrowserPaths,
}: BrowserSearch = {}): Promise<FoundBrowser> {
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return { path: fromEnv, source: 'PUPPETEER_EXECUTABLE_PATH' };
    throw new BrowserNotFoundError(
      `PUPPETEER_EXECUTABLE_PATH is ${fromEnv}, and no file is there.`,
    );
  }
  const downloaded = await download();
  if (downloaded) return { path: downloaded, source: 'puppeteer' };
  const system = systemPaths.find((path) => existsSync(path));
  if (system) return { path: system, source: 'system' };
  throw new BrowserNotFoundError(
    `No Chrome or Chromium found: puppeteer has not downloaded one (this happens offline, silently) and none is in ${systemPaths.join(', ')}.`,
  );
}

async function puppeteerDownload(): Promise<string | undefined> {
  try {
    const path = await puppeteer.executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Flags that keep a headless Chromium quiet on a closed network: no background connections,
 * updates, sync or first-run work, which would otherwise be refused many at a time.
 */
const quietFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchOptions {
  /** Extra Chromium flags, such as the fake media devices the recorder's tests need. */
  args?: string[];
  /** The folder the browser's own temporary folder goes into; the system's temp folder by default. */
  tempDir?: string;
}

/**
 * Kills the browser's process group (puppeteer starts it detached: it leads its own) and removes
 * its folder as soon as its owner is gone, when the pipe on its stdin closes. Chromium also ends
 * when its DevTools pipe closes, but only after a graceful shutdown (0.4 to 1.2 s measured here,
 * under load), leaving its profile behind, and its zygotes linger for seconds when the owner dies
 * while it starts; this takes 0.2 to 0.6 s and leaves nothing.
 */
const watchdogScript =
  'cat >/dev/null; kill -9 "-$1" 2>/dev/null; rm -rf -- "$2" 2>/dev/null || { sleep 1; rm -rf -- "$2"; }';

function startWatchdog(browserPid: number, home: string): ChildProcess | undefined {
  if (process.platform === 'win32') return undefined; // no sh; the pipe alone ends the browser
  // Detached, so that the Ctrl-C a terminal sends to the whole foreground group passes it by.
  const watchdog = spawn('/bin/sh', ['-c', watchdogScript, 'watchdog', String(browserPid), home], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchdog.on('error', () => {}); // without sh, the pipe alone ends the browser
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return watchdog;
}

/**
 * The pid of this process's child that runs with `profile`: the browser, found while puppeteer is
 * still starting it (Linux). Its helpers start within that time too, and a SIGKILL then must not
 * leave them behind, so the watchdog cannot wait for the launch to end.
 */
function browserChild(profile: string): number | undefined {
  let children: string[];
  try {
    children = readFileSync(`/proc/self/task/${process.pid}/children`, 'utf8').split(' ');
  } catch {
    return undefined;
  }
  for (const child of children.filter(Boolean)) {
    try {
      const args = readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0');
      if (args.includes(`--user-data-dir=${profile}`)) return Number(child);
    } catch {
      // It ended meanwhile.
    }
  }
  return undefined;
}

/** The DevTools port Chromium opened beside its pipe, which it writes into its profile. */
async function devToolsEndpoint(profile: string): Promise<string> {
  const file = join(profile, 'DevToolsActivePort');
  for (let attempt = 0; ; attempt++) {
    try {
      const [port, path] = readFileSync(file, 'utf8').split('\n');
      if (port && path) return `ws://127.0.0.1:${port}${path}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 100) throw error;
    }
    await sleep(50);
  }
}

/**
 * Starts a headless browser whose profile, cache and config live in a fresh temporary folder,
 * so nothing is written into $HOME. The browser cannot outlive this process: it talks to it over a
 * pipe, and a watchdog kills it the moment this process is gone, even by SIGKILL. Its folder goes
 * when it closes, when this process exits, or (after a SIGKILL) with the watchdog or the next
 * run's sweep.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const { path } = await findBrowser();
  const home = ownedTempDir('chromium', options.tempDir);
  // Chromium's own temp folders (TMPDIR=home) and PulseAudio's (for the microphone) go here too.
  mkdirSync(join(home, 'runtime'), { mode: 0o700 });
  // Chromium's singleton socket, home/org.chromium.Chromium.XXXXXX/SingletonSocket, must fit
  // a socket's 104 bytes (macOS; Linux's 108) with its final NUL, or Chromium aborts at start.
  const socketPath = home.length + '/org.chromium.Chromium.XXXXXX/SingletonSocket'.length;
  if (socketPath > 103) {
    removeOwnedTempDir(home);
    throw new Error(
      `Chromium cannot start in ${dirname(home)}: its socket's path there would be ${socketPath} bytes long, over the 103 a socket allows. Set TMPDIR to a folder with a path of at most ${103 - (socketPath - dirname(home).length)} characters, such as /tmp.`,
    );
  }
  const profile = join(home, 'profile');
  let watchdog: ChildProcess | undefined;
  let browserPid: number | undefined;
  const killBrowser = () => {
    watchdog?.kill('SIGKILL');
    // The whole group: its renderers, GPU and utility processes too.
    if (browserPid !== undefined) process.kill(-browserPid, 'SIGKILL');
  };
  const unstop = stopOnExit(killBrowser);
  const removeHome = () => {
    unstop();
    watchdog?.kill('SIGKILL');
    removeOwnedTempDir(home);
  };
  // A helper still on its way out may write into the folder, and even create it again (Chromium
  // makes a folder's parents too): the folder goes once no process of this browser runs.
  let ending: Promise<void> | undefined;
  const endAndRemoveHome = () =>
    (ending ??= (async () => {
      try {
        killBrowser();
      } catch {
        // Its group is gone already, or it never started.
      }
      for (let attempt = 0; ; attempt++) {
        const left = processesUsing(home);
        if (left.length === 0 || attempt >= 150) break;
        for (const pid of left) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // It ended meanwhile.
          }
        }
        await sleep(20);
      }
      removeHome();
    })());
  const watch = (pid: number) => {
    browserPid = pid;
    watchdog = startWatchdog(pid, home);
  };
  const finding = setInterval(() => {
    const pid = browserChild(profile);
    if (pid !== undefined) {
      clearInterval(finding);
      watch(pid);
    }
  }, 20);
  try {
    const browser = await puppeteer.launch({
      executablePath: path,
      headless: true,
      userDataDir: profile,
      // The pipe ends Chromium with this process; the port lends it to a build in a child process.
      pipe: true,
      args: [
        ...quietFlags,
        '--remote-debugging-pipe',
        '--remote-debugging-port=0',
        ...(options.args ?? []),
      ],
      // The command handles signals: puppeteer's own would exit before its temp folders go.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      env: {
        ...process.env,
        HOME: home,
        XDG_CONFIG_HOME: join(home, 'config'),
        XDG_CACHE_HOME: join(home, 'cache'),
        XDG_DATA_HOME: join(home, 'data'),
        XDG_RUNTIME_DIR: join(home, 'runtime'),
        TMPDIR: home,
      },
    });
    clearInterval(finding);
    const pid = browser.process()?.pid;
    if (watchdog === undefined && pid !== undefined) watch(pid);
    const endpoint = await devToolsEndpoint(profile).catch(async (error: unknown) => {
      await browser.close();
      throw error;
    });
    browser.wsEndpoint = () => endpoint;
    // A crash disconnects without close(); close() itself waits for the folder to go.
    browser.once('disconnected', () => {
      endAndRemoveHome().catch(() => {
        // Still being written: close(), exit or the next sweep removes it.
      });
    });
    const close = browser.close.bind(browser);
    browser.close = async () => {
      try {
        await close();
      } finally {
        await endAndRemoveHome();
      }
    };
    return browser;
  } catch (error) {
    clearInterval(finding);
    // A browser that never started leaves its folder to no one else.
    await endAndRemoveHome();
    throw error;
  }
}
