import { describe, expect, it } from 'vitest';
import { parseMdx } from '../src/lib/markdown/parse-mdx.ts';
import {
  categoryHeading,
  owaspProblems,
  owaspTop10,
} from '../src/deliverables/system-security/owasp.ts';
import type { Lang } from '../src/lib/i18n.ts';

function audit(headings: string[]): string {
  return headings.map((h) => `## ${h}\n\nText.\n`).join('\n');
}

function problems(source: string, lang: Lang = 'en') {
  return owaspProblems(parseMdx(source, 'audit.mdx'), lang, 'audit.mdx').map((p) => p.message);
}

const all = (lang: Lang) => owaspTop10.map((_, i) => categoryHeading(i, lang));

describe('the OWASP category check', () => {
  it.each(['en', 'es'] as const)('accepts the ten official headings in %s', (lang) => {
    expect(problems(audit(['Scope', ...all(lang), 'Summary']), lang)).toEqual([]);
  });

  it('names a missing category and the heading to add', () => {
    const [message, ...rest] = problems(audit(all('en').filter((h) => !h.startsWith('A04'))));
    expect(rest).toEqual([]);
    expect(message).toMatch(
      /^audit\.mdx: A04:2021 is missing\n {2}Fix: add a section “## A04:2021 – Insecure Design”/,
    );
  });

  it('names a repeated category at its line', () => {
    const headings = all('en');
    const messages = problems(audit([...headings, headings[2]!]));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^audit\.mdx:41:1: A03:2021 appears twice \(first at line 9\)/);
  });

  it('names a category named wrongly and gives the official name', () => {
    const headings = all('es');
    headings[0] = 'A01:2021 – Control de acceso roto';
    const messages = problems(audit(headings), 'es');
    expect(messages[0]).toMatch(
      /audit\.mdx:1:1: “A01:2021 – Control de acceso roto” is not an OWASP Top 10 2021 category as OWASP names it in Spanish/,
    );
    expect(messages[0]).toMatch(
      /Fix: write the heading as “## A01:2021 – Pérdida de Control de Acceso”/,
    );
    expect(messages).toContainEqual(expect.stringMatching(/A01:2021 is missing/));
  });

  it('refuses the English names in the Spanish answer', () => {
    expect(problems(audit(all('en')), 'es')).toHaveLength(20);
  });

  it('refuses categories out of order', () => {
    const headings = all('en');
    [headings[0], headings[1]] = [headings[1]!, headings[0]!];
    expect(problems(audit(headings))).toEqual([
      expect.stringMatching(/A01:2021 comes after A02:2021/),
    ]);
  });

  it('reads the candidate’s own short ids as attempts at a category', () => {
    const messages = problems(audit(['A1 Control de acceso roto']), 'es');
    expect(messages[0]).toMatch(
      /write the heading as “## A01:2021 – Pérdida de Control de Acceso”/,
    );
  });
});
