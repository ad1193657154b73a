import { describe, expect, it } from 'vitest';
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
