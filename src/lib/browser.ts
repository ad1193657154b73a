import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { ExplainedError } from './explained-error.ts';

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
 * Starts a headless browser whose profile, cache and config live in a fresh temporary folder,
 * removed when the browser closes or the process exits, so nothing is written into $HOME.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const { path } = await findBrowser();
  const home = mkdtempSync(join(options.tempDir ?? tmpdir(), 'submission-kit-chromium-'));
  // Chromium's own temp folders and PulseAudio's (for the microphone) go here too, not in /tmp.
  for (const dir of ['tmp', 'runtime']) mkdirSync(join(home, dir), { mode: 0o700 });
  // Chromium's helper processes may still be writing as it exits: retry rather than leave it behind.
  const removeHome = () =>
    rmSync(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  process.once('exit', removeHome);
  const browser = await puppeteer
    .launch({
      executablePath: path,
      headless: true,
      userDataDir: join(home, 'profile'),
      args: [...quietFlags, ...(options.args ?? [])],
      env: {
        ...process.env,
        HOME: home,
        XDG_CONFIG_HOME: join(home, 'config'),
        XDG_CACHE_HOME: join(home, 'cache'),
        XDG_DATA_HOME: join(home, 'data'),
        XDG_RUNTIME_DIR: join(home, 'runtime'),
        TMPDIR: join(home, 'tmp'),
      },
    })
    .catch((error: unknown) => {
      // A browser that never started leaves its folder to no one else.
      removeHome();
      process.removeListener('exit', removeHome);
      throw error;
    });
  // A crash disconnects without close(); close() itself waits for the folder to go.
  browser.once('disconnected', removeHome);
  const close = browser.close.bind(browser);
  browser.close = async () => {
    try {
      await close();
    } finally {
      removeHome();
      process.removeListener('exit', removeHome);
    }
  };
  return browser;
}
