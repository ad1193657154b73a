import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ContentError } from '../src/lib/content-error.ts';
import { mdxToMarkdown } from '../src/lib/markdown/mdx-to-markdown.ts';
import { parseMdx } from '../src/lib/markdown/parse-mdx.ts';

const fixtures = new URL('./fixtures/mdx/', import.meta.url);
const names = (await readdir(fixtures)).sort();

function convert(source: string, options = {}) {
  return mdxToMarkdown(parseMdx(source, 'test.mdx'), 'test.mdx', options);
}

describe('MDX to Markdown', () => {
  it.each(names)('converts the fixture %s', async (name) => {
    const input = await readFile(new URL(`${name}/input.mdx`, fixtures), 'utf8');
    const expected = await readFile(new URL(`${name}/expected.md`, fixtures), 'utf8');
    expect(convert(input)).toBe(expected);
  });

  it('leaves no import, export or JSX in what it writes', async () => {
    for (const name of names) {
      const output = convert(await readFile(new URL(`${name}/input.mdx`, fixtures), 'utf8'));
      expect(output).not.toMatch(/^(import|export)\s/m);
      expect(output).not.toMatch(/<\/?[A-Za-z][^>]*>/);
    }
  });

  it('opens with the title as the only # heading', () => {
    expect(convert('## Part\n\nText.\n', { title: 'The title' })).toBe(
      '# The title\n\n## Part\n\nText.\n',
    );
  });

  it('refuses a component it cannot write as Markdown, naming the line and the fix', () => {
    const source = 'Intro.\n\n<Chart data="x" />\n';
    expect(() => convert(source)).toThrow(ContentError);
    expect(() => convert(source)).toThrow(
      /test\.mdx:3:1: the component <Chart> has no Markdown reading[\s\S]*Fix: use one of <Callout>/,
    );
  });

  it('refuses an expression, whose value exists only when the page runs', () => {
    expect(() => convert('The year is {year}.\n')).toThrow(
      /test\.mdx:1:13: the expression \{year\}/,
    );
  });

  it('reports MDX that does not parse at its line', () => {
    expect(() => parseMdx('# Title\n\nSome <b>unclosed text.\n', 'broken.mdx')).toThrow(
      /broken\.mdx:\d+(:\d+)?: this MDX does not parse/,
    );
  });
});
