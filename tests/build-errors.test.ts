import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { astroBuild } from '../src/lib/astro-build.ts';
import { copyContent, copyDiagrams, edit } from './helpers/content-copy.ts';
import { tempDir } from './helpers/temp.ts';

/** Builds the site from a broken copy of the content, with its own cache and output. */
async function buildWith(breakIt: (content: string, diagrams: string) => Promise<void>) {
  const [content, diagrams] = await Promise.all([copyContent(), copyDiagrams()]);
  await breakIt(content, diagrams);
  const dir = await tempDir('broken-build');
  return astroBuild(join(dir, 'dist'), {
    KIT_CONTENT_DIR: content,
    KIT_DIAGRAMS_DIR: diagrams,
    KIT_CACHE_DIR: join(dir, 'cache'),
  });
}

describe('the build refuses broken content', () => {
  it('a frontmatter field that breaks the schema, naming the file and the field', async () => {
    const { code, output } = await buildWith((c) =>
      edit(join(c, 'security', 'es.mdx'), 'lang: es', 'lang: fr'),
    );
    expect(code).not.toBe(0);
    expect(output).toMatch(/content\/security\/es\.mdx/);
    expect(output).toMatch(/lang: Invalid option: expected one of "en"\|"es"/);
  });

  it('an audit that misnames a category, naming the file, the line and the fix', async () => {
    const { code, output } = await buildWith((c) =>
      edit(
        join(c, 'security', 'es.mdx'),
        '## A02:2021 – Fallas Criptográficas',
        '## A02:2021 – Fallos criptográficos',
      ),
    );
    expect(code).not.toBe(0);
    expect(output).toMatch(
      /security\/es\.mdx:\d+:1: “A02:2021 – Fallos criptográficos” is not an OWASP Top 10 2021 category/,
    );
    expect(output).toMatch(/write the heading as “## A02:2021 – Fallas Criptográficas”/);
  });

  it('a diagram with a syntax error, naming the file, the line and Mermaid’s message', async () => {
    const { code, output } = await buildWith((_, diagrams) =>
      edit(join(diagrams, 'instagram-stories.es.mmd'), '  fan -->|', '  fan --> -->|'),
    );
    expect(code).not.toBe(0);
    expect(output).toMatch(
      /diagrams\/instagram-stories\.es\.mmd:\d+: Mermaid cannot read this diagram: Parse error on line \d+/,
    );
  });

  it('a recording script over 55 s, naming the file and its estimate', async () => {
    const { code, output } = await buildWith((content) =>
      edit(
        join(content, 'learning-resources', 'script.txt'),
        'Hello,',
        `Hello, ${'again and '.repeat(20)}`,
      ),
    );
    expect(code).not.toBe(0);
    expect(output).toMatch(
      /learning-resources\/script\.txt: the script takes about \d+ s \(\d+ words at 130 words a minute\); it must take 30–55 s/,
    );
  });
});
