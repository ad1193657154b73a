import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { ContentError } from '../../lib/content-error.ts';
import type { Lang } from '../../lib/i18n.ts';

/**
 * The OWASP Top 10 2021 as OWASP publishes it: ids, English names, and the names of OWASP's own
 * Spanish translation. The audit's `##` headings must be exactly these, in this order.
 */
export const owaspTop10 = [
  { id: 'A01:2021', en: 'Broken Access Control', es: 'Pérdida de Control de Acceso' },
  { id: 'A02:2021', en: 'Cryptographic Failures', es: 'Fallas Criptográficas' },
  { id: 'A03:2021', en: 'Injection', es: 'Inyección' },
  { id: 'A04:2021', en: 'Insecure Design', es: 'Diseño Inseguro' },
  { id: 'A05:2021', en: 'Security Misconfiguration', es: 'Configuración de Seguridad Incorrecta' },
  {
    id: 'A06:2021',
    en: 'Vulnerable and Outdated Components',
    es: 'Componentes Vulnerables y Desactualizados',
  },
  {
    id: 'A07:2021',
    en: 'Identification and Authentication Failures',
    es: 'Fallas de Identificación y Autenticación',
  },
  {
    id: 'A08:2021',
    en: 'Software and Data Integrity Failures',
    es: 'Fallas en el Software y en la Integridad de los Datos',
  },
  {
    id: 'A09:2021',
    en: 'Security Logging and Monitoring Failures',
    es: 'Fallas en el Registro y Monitoreo',
  },
  {
    id: 'A10:2021',
    en: 'Server-Side Request Forgery (SSRF)',
    es: 'Falsificación de Solicitudes del Lado del Servidor (SSRF)',
  },
] as const;

/** The heading text a category takes: `A01:2021 – Broken Access Control`. */
export function categoryHeading(index: number, lang: Lang): string {
  const category = owaspTop10[index];
  if (!category) throw new RangeError(`OWASP Top 10 has no category ${index + 1}.`);
  return `${category.id} – ${category[lang]}`;
}

/** The audit's sections: its `##` headings, with their text. */
function sections(tree: Root): { text: string; heading: Heading }[] {
  const found: { text: string; heading: Heading }[] = [];
  visit(tree, 'heading', (heading: Heading) => {
    if (heading.depth === 2) found.push({ text: toString(heading).trim(), heading });
  });
  return found;
}

/** How many of the ten categories have a section headed as OWASP names them in `lang`. */
export function categoriesFound(tree: Root, lang: Lang): number {
  const texts = new Set(sections(tree).map(({ text }) => text));
  return owaspTop10.filter((_, i) => texts.has(categoryHeading(i, lang))).length;
}

/** Anything that looks like a category heading: an id such as `A03:2021` or `A3` at its start. */
const categoryLike = /^\s*A\d{1,2}(?::\d{4})?\b/;

/**
 * Every problem with the audit's category headings, as `ContentError`s: a category missing,
 * repeated, out of order, or named other than OWASP names it in `lang`.
 */
export function owaspProblems(tree: Root, lang: Lang, file: string): ContentError[] {
  const found = sections(tree).filter(({ text }) => categoryLike.test(text));

  const problems: ContentError[] = [];
  const seen = new Map<number, number>();
  let previous = -1;
  for (const { text, heading } of found) {
    const line = heading.position?.start;
    const index = owaspTop10.findIndex((_, i) => categoryHeading(i, lang) === text);
    if (index === -1) {
      const id = /^\s*(A\d{1,2}(?::\d{4})?)/.exec(text)?.[1] ?? text;
      const meant = owaspTop10.findIndex(
        (c) => id === c.id || id === c.id.slice(0, 3) || id === `A${Number(c.id.slice(1, 3))}`,
      );
      problems.push(
        new ContentError(
          file,
          line,
          `“${text}” is not an OWASP Top 10 2021 category as OWASP names it in ${lang === 'en' ? 'English' : 'Spanish'}`,
          meant === -1
            ? `use one of the ten headings, e.g. “## ${categoryHeading(0, lang)}”.`
            : `write the heading as “## ${categoryHeading(meant, lang)}”.`,
        ),
      );
      continue;
    }
    const { id } = owaspTop10[index]!;
    const first = seen.get(index);
    if (first !== undefined) {
      problems.push(
        new ContentError(
          file,
          line,
          `${id} appears twice (first at line ${first})`,
          'keep one section per category and merge the other into it.',
        ),
      );
      continue;
    }
    seen.set(index, line?.line ?? 0);
    if (index < previous) {
      problems.push(
        new ContentError(
          file,
          line,
          `${id} comes after ${owaspTop10[previous]?.id}`,
          'put the ten categories in OWASP’s order, A01 to A10.',
        ),
      );
    }
    previous = Math.max(previous, index);
  }
  owaspTop10.forEach((category, index) => {
    if (!seen.has(index)) {
      problems.push(
        new ContentError(
          file,
          undefined,
          `${category.id} is missing`,
          `add a section “## ${categoryHeading(index, lang)}”.`,
        ),
      );
    }
  });
  return problems;
}
