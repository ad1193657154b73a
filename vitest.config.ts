import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    // Vitest's default on two cores is one file at a time; most of a test's time is spent waiting
    // on a child (Chromium, astro build, gunicorn), so two files run side by side.
    maxWorkers: 2,
    // A test that builds may first wait for another file's build (see tests/helpers/build-lock.ts).
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
