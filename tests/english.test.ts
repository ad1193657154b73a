import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPage } from '../src/content/load.ts';
import { root } from './helpers/root.ts';
import { tempDir } from './helpers/temp.ts';

// The English deliverable's own rule (src/deliverables/english/spoken-texts.ts); the speaking rate
// it applies is tested in speaking-time.test.ts.
async function englishWithScript(script: string): Promise<string> {
  const dir = await tempDir('english');
  await cp(join(root, 'content', 'english'), dir, { recursive: true });
  await writeFile(join(dir, 'script.txt'), script);
  return join(dir, 'en.mdx');
}

describe('the script check', () => {
  it('accepts the candidate’s script', async () => {
    await expect(loadPage(join(root, 'content', 'english', 'en.mdx'))).resolves.toBeDefined();
  });

  it('refuses a script over 55 s, naming the file, its estimate and how much to cut', async () => {
    const file = await englishWithScript('word '.repeat(130));
    await expect(loadPage(file)).rejects.toThrow(
      /script\.txt: the script takes about 60 s \(130 words at 130 words a minute\); it must take 30–55 s\n {2}Fix: cut about 22 words, to about 108\./,
    );
  });

  it('refuses a script that fits at 130 words a minute but runs over 60 s at 110', async () => {
    const file = await englishWithScript('word '.repeat(115));
    const refused = loadPage(file);
    await expect(refused).rejects.toThrow(
      /script\.txt: the script takes about 63 s \(115 words at 110 words a minute\); it must take at most 60 s\n {2}Fix: cut about 14 words, to about 101\./,
    );
    await expect(refused).rejects.not.toThrow(/at 130 words a minute/);
  });

  it('refuses a script under 30 s', async () => {
    const file = await englishWithScript('word '.repeat(40));
    await expect(loadPage(file)).rejects.toThrow(
      /script\.txt: the script takes about 18 s .*\n {2}Fix: add about 36 words, to about 76\./,
    );
  });
});
