import type { DeliverableId } from './deliverables.ts';

/** The languages the kit publishes in; the first is the default and lives at the site root. */
export const languages = ['en', 'es'] as const;
export type Lang = (typeof languages)[number];
export const defaultLang: Lang = 'en';

export const languageNames: Record<Lang, string> = { en: 'English', es: 'Español' };

/** The URL of `route` (no leading or trailing slash; '' for home) in `lang`, under the site's base. */
export function localePath(lang: Lang, route: string, base = '/'): string {
  const segments = [lang === defaultLang ? '' : lang, route].filter(Boolean).join('/');
  const root = base.endsWith('/') ? base : `${base}/`;
  return segments ? `${root}${segments}/` : root;
}

/** Interface text; content is translated in `content/`, not here. */
export const ui = {
  en: {
    siteTitle: 'Submission kit',
    skipToContent: 'Skip to content',
    mainNav: 'Deliverables',
    home: 'Home',
    switchLanguage: 'Leer en español',
    homeLead:
      'Answers to two hiring challenges, published as a site and exported as the files to hand in.',
    exports: 'Exports',
    answers: 'Answers',
    onThisPage: 'On this page',
    footnotes: 'Footnotes',
    readPath: 'The read path, as a sequence',
    fullSize: 'Open the diagram full size (SVG)',
    backToReference: 'Back to reference',
    footer: 'Built from the candidate’s own answers. No data leaves this site.',
    checklistTitle: 'The briefs, checked',
    checklistLead:
      'Each requirement measured from the content when this site was built; the export refuses to run when one does not hold.',
    checklistSection: 'Deliverable',
    checklistRequirement: 'Requirement',
    checklistMeasured: 'Measured',
    checklistHolds: 'Holds',
    yes: 'Yes',
    no: 'No',
  },
  es: {
    siteTitle: 'Kit de entrega',
    skipToContent: 'Ir al contenido',
    mainNav: 'Entregables',
    home: 'Inicio',
    switchLanguage: 'Read in English',
    homeLead:
      'Respuestas a dos retos de selección, publicadas como sitio y exportadas como los archivos que se entregan.',
    exports: 'Exporta',
    answers: 'Responde a',
    onThisPage: 'En esta página',
    footnotes: 'Notas',
    readPath: 'La lectura, como secuencia',
    fullSize: 'Abrir el diagrama a tamaño completo (SVG)',
    backToReference: 'Volver a la referencia',
    footer:
      'Hecho a partir de las respuestas del propio candidato. Ningún dato sale de este sitio.',
    checklistTitle: 'Los enunciados, comprobados',
    checklistLead:
      'Cada requisito se mide en el contenido al construir este sitio; la exportación se niega a seguir si alguno no se cumple.',
    checklistSection: 'Entregable',
    checklistRequirement: 'Requisito',
    checklistMeasured: 'Medido',
    checklistHolds: 'Se cumple',
    yes: 'Sí',
    no: 'No',
  },
} satisfies Record<Lang, Record<string, string>>;

/** How a page's link reads: in the nav, and as the home page's card. */
export interface PageNames {
  nav: string;
  title: string;
  description: string;
}

type OtherLang = Exclude<Lang, typeof defaultLang>;

/**
 * How readers of another language see the deliverables whose page exists only in the default
 * language: their names in the reader's language, so the interface around the links speaks it
 * throughout, and a note that the page itself is not translated. The English pages' own names
 * are in their frontmatter; keep these in step with them.
 */
export const untranslatedPages: Record<
  OtherLang,
  { note: string; pages: Partial<Record<DeliverableId, PageNames>> }
> = {
  es: {
    note: 'Página en inglés',
    pages: {
      english: {
        nav: 'Audio en inglés',
        title: 'Mis recursos favoritos para aprender tecnología: un audio en inglés',
        description:
          'Un guion de grabación que cabe en el límite de 60 segundos, una página para ensayarlo y grabarlo, y mi transcripción completa.',
      },
      'devops-part-1': {
        nav: 'DevOps, parte 1',
        title: 'DevOps, parte 1: la API de Flask en AWS, desplegada con un comando',
        description:
          'La app de Flask protegida con un token, en ECS Fargate detrás de un balanceador de carga y con el token en Secrets Manager: un comando para desplegarla, otro para cambiar el token y otro para eliminarlo todo.',
      },
      'devops-part-2': {
        nav: 'DevOps, parte 2',
        title: 'DevOps, parte 2: descripción técnica de la topología en AWS',
        description:
          'La aplicación web serverless detrás de www.example.com: qué hace cada servicio de AWS, cómo fluye una petición por ella y cómo se protege, se escala, se observa y cuánto cuesta.',
      },
    },
  },
};

/**
 * The names a reader of `reader` sees for a deliverable's page written in `page.lang`: the page's
 * own when it is in the reader's language, else those of `untranslatedPages`.
 */
export function namesFor(
  id: DeliverableId,
  page: PageNames & { lang: Lang },
  reader: Lang,
): PageNames & { note?: string } {
  if (page.lang === reader || reader === defaultLang) return page;
  // Not the default language, so one of untranslatedPages' keys.
  const { note, pages } = untranslatedPages[reader as OtherLang];
  const names = pages[id];
  if (!names) {
    throw new Error(
      `The ${reader} pages link to “${id}”, which has no ${reader} page: add its names in ${reader} to untranslatedPages in src/lib/i18n.ts.`,
    );
  }
  return { ...names, note };
}
