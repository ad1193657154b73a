import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChecklistError } from '../src/deliverables/brief-checklist.ts';
import { BrowserNotFoundError } from '../src/lib/browser.ts';
import { runCommand, UsageError } from '../src/lib/command.ts';
import { ContentError, ContentErrors } from '../src/lib/content-error.ts';
import { runScript } from './helpers/run-script.ts';

// The export's and the build's no-browser cases are in export.test.ts and build-errors.test.ts.
describe.each(['audit', 'bench'])('npm run %s without a browser', (command) => {
  it('says what went wrong and how to get one, without a stack, and fails', async () => {
    const { code, stdout, stderr } = await runScript(command, [], {
      PUPPETEER_EXECUTABLE_PATH: '/nonexistent',
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      new RegExp(
        `^${command} failed: PUPPETEER_EXECUTABLE_PATH is /nonexistent, and no file is there\\.\\nGet one of these:[\\s\\S]*apt-get install chromium`,
      ),
    );
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});

describe('a command that fails', () => {
  afterEach(() => {
    process.exitCode = undefined;
    vi.restoreAllMocks();
  });

  async function printed(error: Error): Promise<string> {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
    await runCommand('test', () => Promise.reject(error), { verbose: false });
    expect(process.exitCode).toBe(1);
    return lines.join('\n');
  }

  const contentError = new ContentError('a.mdx', { line: 3 }, 'a problem', 'the fix');
  const both = (text: string) => ({ en: text, es: text });
  const unmet = { deliverable: 'english', holds: false } as const;
  const failing = { ...unmet, requirement: both('Fits 60 s'), evidence: both('61 s') };
  // Defined in src/lib/ and above it: the command knows none of them by name.
  it.each([
    ['ContentError', contentError],
    ['ContentErrors', new ContentErrors([contentError, contentError])],
    ['ChecklistError', new ChecklistError([failing])],
    ['BrowserNotFoundError', new BrowserNotFoundError('no browser')],
    ['UsageError', new UsageError('type this instead')],
  ])('with an error that explains itself (%s) prints its message alone', async (_, error) => {
    expect(await printed(error)).toBe(`test failed: ${error.message}`);
  });

  it('with any other error says how to see where', async () => {
    expect(await printed(new Error('boom'))).toBe(
      'test failed: boom\nRun it again with DEBUG=1 to see where it failed.',
    );
  });
});
