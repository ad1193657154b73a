/** The languages the kit publishes in; the first is the default and lives at the site root. */
export const languages = ['en', 'es'] as const;
export type Lang = (typeof languages)[number];
export const defaultLang: Lang = 'en';

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
    handedInAs: 'Handed in as',
    handedInTitle: 'The files handed in',
    handedInLead:
      'Every file of the submission, byte for byte what the export writes to its folder submission/; MANIFEST.md lists each with its size and SHA-256. The export also prints each page to pdf/.',
    folderFiles: 'every file in it',
    answers: 'Answers',
    onThisPage: 'On this page',
    footnotes: 'Footnotes',
    readPath: 'The read path, as a sequence',
    fullSize: 'Open the diagram full size (SVG)',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    zoomReset: 'Reset',
    close: 'Close',
    panHelp: 'Diagram at full size: drag or use the arrow keys to pan, + and − to zoom',
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
    handedInAs: 'Archivos entregados',
    handedInTitle: 'Los archivos entregados',
    handedInLead:
      'Cada archivo de la entrega, byte a byte lo que la exportación escribe en su carpeta submission/; MANIFEST.md los lista con su tamaño y su SHA-256. La exportación imprime además cada página en pdf/.',
    folderFiles: 'todos sus archivos',
    answers: 'Responde a',
    onThisPage: 'En esta página',
    footnotes: 'Notas',
    readPath: 'La lectura, como secuencia',
    fullSize: 'Abrir el diagrama a tamaño completo (SVG)',
    zoomIn: 'Acercar',
    zoomOut: 'Alejar',
    zoomReset: 'Restablecer',
    close: 'Cerrar',
    panHelp:
      'Diagrama a tamaño completo: arrastre o use las flechas para moverlo, + y − para el zoom',
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

/** What a link says of a page that exists only in the default language, to readers of another. */
const untranslatedNote: Record<OtherLang, string> = { es: 'Página en inglés' };

/**
 * The names a reader of `reader` sees for a deliverable's page written in `page.lang`: the page's
 * own when it is in the reader's language, else those its module gives for that language
 * (`namesIn`), so the interface around the links speaks the reader's language throughout.
 */
export function namesFor(
  deliverable: { id: string; namesIn?: Partial<Record<Lang, PageNames>> | undefined },
  page: PageNames & { lang: Lang },
  reader: Lang,
): PageNames & { note?: string } {
  if (page.lang === reader || reader === defaultLang) return page;
  const names = deliverable.namesIn?.[reader];
  if (!names) {
    throw new Error(
      `The ${reader} pages link to “${deliverable.id}”, which has no ${reader} page: add its names in ${reader} to namesIn in src/deliverables/${deliverable.id}.ts.`,
    );
  }
  // Not the default language, so one of untranslatedNote's keys.
  return { ...names, note: untranslatedNote[reader as OtherLang] };
}
