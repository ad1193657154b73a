import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent, loadPage } from '../src/content/load.ts';
import { categoryHeading, owaspTop10 } from '../src/deliverables/system-security/owasp.ts';
import { copyContent, edit } from './helpers/content-copy.ts';
import { root } from './helpers/root.ts';
import { tempDir } from './helpers/temp.ts';

const body = owaspTop10.map((_, i) => `## ${categoryHeading(i, 'en')}\n\nText.\n`).join('\n');
const valid = {
  title: 'Security audit',
  nav: 'Security',
  description: 'What I would look for, category by category, in our system.',
  lang: 'en',
  deliverable: 'system-security',
  order: 3,
  owaspEdition: 2021,
  exportName: 'security_question.md',
};

async function load(frontmatter: Record<string, unknown>) {
  const dir = await tempDir('schema');
  const file = join(dir, 'audit.mdx');
  const yaml = Object.entries(frontmatter)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
    .join('\n');
  await writeFile(file, `---\n${yaml}\n---\n\n${body}`);
  return loadPage(file);
}

describe('the content schema', () => {
  it('accepts a complete security answer', async () => {
    const { data } = await load(valid);
    expect(data).toEqual(valid);
  });

  it('names the file, the line and the field of a wrong value', async () => {
    await expect(load({ ...valid, lang: 'fr' })).rejects.toThrow(
      /audit\.mdx:5: frontmatter field “lang”: .*\n {2}Fix: correct “lang”/,
    );
  });

  it('names a missing field at the opening of the frontmatter', async () => {
    await expect(load({ ...valid, title: undefined })).rejects.toThrow(
      /audit\.mdx:1: frontmatter field “title”/,
    );
  });

  it('refuses a field the schema does not know, which is usually a typo', async () => {
    await expect(load({ ...valid, descripton: 'typo' })).rejects.toThrow(
      /frontmatter field “(descripton|\(frontmatter\))”/,
    );
  });

  it('refuses an unknown deliverable and lists the known ones', async () => {
    await expect(load({ ...valid, deliverable: 'poetry' })).rejects.toThrow(
      /audit\.mdx:6: deliverable is "poetry"\n {2}Fix: set it to one of english, cloud-computing, system-security/,
    );
  });

  it('refuses the wrong OWASP edition and the wrong export name', async () => {
    await expect(load({ ...valid, owaspEdition: 2017, exportName: 'answer.md' })).rejects.toThrow(
      /2 problems in the content:[\s\S]*owaspEdition[\s\S]*exportName/,
    );
  });

  it('refuses a page whose lang is not its file’s, which would take the other page’s place', async () => {
    const content = await copyContent();
    await edit(join(content, 'system-security', 'es.mdx'), 'lang: es', 'lang: en');
    await expect(
      loadContent({ contentDir: content, diagramsDir: join(root, 'diagrams') }),
    ).rejects.toThrow(
      /system-security\/es\.mdx:\d+: lang is en, and the file is es\.mdx\n {2}Fix: set it to es/,
    );
  });
});
