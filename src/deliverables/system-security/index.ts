import { z } from 'astro/zod';
import { mdxToMarkdown } from '../../lib/markdown/mdx-to-markdown.ts';
import { challenges } from '../challenges.ts';
import { defineDeliverable } from '../define.ts';
import { categoriesFound, owaspProblems, owaspTop10 } from './owasp.ts';

/**
 * The OWASP Top 10 audit, whose body must hold the ten categories (checked by `owasp.ts`).
 * Exported as `system-security/security_question.md` in the chosen language, and the other
 * language beside it as `security_question.<lang>.md`, converted from the MDX the site shows.
 */
export const systemSecurity = defineDeliverable({
  id: 'system-security',
  languages: ['en', 'es'],
  brief: {
    challenge: challenges.part3,
    section: { en: 'System Security', es: 'Seguridad de sistemas' },
  },
  fields: {
    /** The edition of the OWASP Top 10 the audit follows; the brief asks for 2021. */
    owaspEdition: z.literal(2021),
    /** The name the exported file takes in `submission/`; the brief asks for this one. */
    exportName: z.literal('security_question.md'),
  },
  check: ({ tree, data, file }) => owaspProblems(tree, data.lang, file),
  checklist(pages) {
    const counts = pages.map(({ tree, data }) => ({
      lang: data.lang,
      found: categoriesFound(tree, data.lang),
    }));
    const evidence = counts
      .map((c) => `${c.lang.toUpperCase()}: ${c.found}/${owaspTop10.length}`)
      .join('; ');
    return [
      {
        requirement: {
          en: 'The ten OWASP Top 10 2021 categories, in each language',
          es: 'Las diez categorías del OWASP Top 10 2021, en cada idioma',
        },
        holds: counts.length > 0 && counts.every((c) => c.found === owaspTop10.length),
        evidence: { en: evidence, es: evidence },
      },
    ];
  },
  exports: ['system-security/security_question.md', 'system-security/security_question.es.md'],
  async files(pages, { lang }) {
    return pages.map(({ file, data, tree }) => {
      const { exportName, title } = data;
      const name =
        data.lang === lang ? exportName : exportName.replace(/\.md$/, `.${data.lang}.md`);
      return {
        path: `system-security/${name}`,
        contents: mdxToMarkdown(tree, file, { title }),
      };
    });
  },
});
