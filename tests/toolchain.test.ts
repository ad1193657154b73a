import { describe, expect, it } from 'vitest';

describe('the toolchain', () => {
  it('runs on the Node the project pins', () => {
    expect(process.versions.node).toMatch(/^24\./);
  });
});
