import { defineConfig } from 'vitest/config';
import TestFileSequencer from './tests/helpers/sequencer.ts';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Vitest's order, but where it has no durations yet (a fresh clone, CI): see the file.
    sequence: { sequencer: TestFileSequencer },
    globalSetup: ['tests/helpers/global-setup.ts'],
    setupFiles: ['tests/helpers/each-file.ts'],
    // The files of a worker share its modules instead of loading puppeteer, Astro's Markdown
    // pipeline and the CDK again for each: 8 CPU-seconds of a run. No file changes the process's
    // environment or a module's state without putting it back.
    isolate: false,
    // Vitest's default on two cores is one file at a time; most of a test's time is spent waiting
    // on a child (Chromium, astro build, gunicorn), so two files run side by side.
    maxWorkers: 2,
    // A test that builds may first wait for another file's build (see tests/helpers/build-lock.ts).
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
