import { readFile } from 'node:fs/promises';
import type { ConfigData, HtmlValidate } from 'html-validate';

/** html-validate's recommended and document rules, less the few this site breaks on purpose. */
const config: ConfigData = {
  extends: ['html-validate:recommended', 'html-validate:document'],
  rules: {
    // Shiki's highlighting and Mermaid's SVG colour with `style` attributes; the CSP allows them.
    'no-inline-style': 'off',
    // Both forms are valid HTML; Astro writes `<meta>`, remark-gfm's task lists `<input />`.
    'void-style': 'off',
    // Same-origin scripts need no integrity hash: whoever can change the file can change the page.
    'require-sri': 'off',
    // A title names the whole deliverable (“Security audit of … with the OWASP Top 10 2021”);
    // reviewers read it, search engines are not the audience.
    'long-title': ['error', { maxlength: 100 }],
  },
};

// Loaded at the first page, not with this module: the audit fails without a browser before that.
let validator: Promise<HtmlValidate> | undefined;

/** What html-validate finds in one built page, a line each: `file:line:column rule message`. */
export async function htmlProblems(file: string, label = file): Promise<string[]> {
  validator ??= import('html-validate').then(
    ({ HtmlValidate, StaticConfigLoader }) => new HtmlValidate(new StaticConfigLoader(config)),
  );
  const report = await (await validator).validateString(await readFile(file, 'utf8'), file);
  return report.results.flatMap((result) =>
    result.messages.map((m) => `${label}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`),
  );
}
