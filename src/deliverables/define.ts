import { z } from 'astro/zod';
import type { Root } from 'mdast';
import type { ContentError } from '../lib/content-error.ts';
import type { DiagramRenderer } from '../lib/diagrams/render.ts';
import type { Lang, PageNames } from '../lib/i18n.ts';
import { pageFields } from './page-schema.ts';

/** The challenge, and the section of it, a deliverable answers. */
interface Brief {
  challenge: Record<Lang, string>;
  section: Record<Lang, string>;
}

/** One content file as the loader read and checked it. */
export interface ContentPage<Data = PageData, Extra = unknown> {
  /** The path for messages, relative to the working folder. */
  file: string;
  /** The absolute path. */
  path: string;
  data: Data;
  tree: Root;
  /** What the deliverable reads beside the page (the English script), read once with it. */
  extra: Extra;
}

/** A deliverable's pages, one per language it declares, in the order of its languages. */
export type Pages<Data = PageData, Extra = unknown> = [
  ContentPage<Data, Extra>,
  ...ContentPage<Data, Extra>[],
];

/** One requirement of a brief, as a deliverable measures it from its content. */
export interface ChecklistRow {
  /** What the brief asks, in each language. */
  requirement: Record<Lang, string>;
  holds: boolean;
  /** What was counted or found, in each language. */
  evidence: Record<Lang, string>;
}

/** What a deliverable's export may read besides its pages. */
interface ExportContext {
  diagramsDir: string;
  /** Renders every diagram of the export in the export's one browser. */
  renderer: DiagramRenderer;
  /** The language of the files handed in under their plain names; the other gets a suffix. */
  lang: Lang;
}

/** One file a deliverable hands in, relative to `submission/`. */
export interface DeliverableFile {
  path: string;
  contents: string | Uint8Array;
}

type Fields = Record<string, z.ZodType>;

/** The frontmatter fields every page has, plus `deliverable` naming this one. */
type SchemaOf<Id extends string, F extends Fields> = z.ZodObject<
  typeof pageFields & { deliverable: z.ZodLiteral<Id> } & F,
  z.core.$strict
>;

export type PageData = z.infer<z.ZodObject<typeof pageFields>> & { deliverable: string };

/** Everything about one deliverable, as its module declares it. */
interface DeliverableSpec<Id extends string, F extends Fields, Extra> {
  id: Id;
  /**
   * Path of its page, in every language, and its folder under `content/`: its id, unless it sits
   * inside another folder (`devops/part-1`).
   */
  route?: string;
  /** The languages it is written in, one `<lang>.mdx` each; the first is its default. */
  languages: readonly [Lang, ...Lang[]];
  brief: Brief;
  /**
   * Its names (nav, title, description) for readers of a language it is not written in, shown in
   * their navigation and on their home page beside a note that the page is in another language.
   * Keep them in step with the page's own frontmatter.
   */
  namesIn?: Partial<Record<Lang, PageNames>>;
  /** Its own frontmatter fields, a JSDoc line each, beside the ones every page has. */
  fields: F;
  /** What the loader reads beside each page, once; the page and the export take it from there. */
  extra?: (page: { file: string; path: string; data: z.infer<SchemaOf<Id, F>> }) => Extra;
  /** What its body must hold beyond the frontmatter; the build and the export refuse the rest. */
  check?: (page: ContentPage<z.infer<SchemaOf<Id, F>>, Extra>) => ContentError[];
  /** Its rows of the brief checklist, measured from its pages and diagrams. */
  checklist: (
    pages: Pages<z.infer<SchemaOf<Id, F>>, Extra>,
    sources: { diagramsDir: string },
  ) => ChecklistRow[] | Promise<ChecklistRow[]>;
  /** What `npm run export` writes for it, relative to `submission/`, as its page lists them. */
  exports: readonly string[];
  /** Those files, computed from its pages. */
  files: (
    pages: Pages<z.infer<SchemaOf<Id, F>>, Extra>,
    context: ExportContext,
  ) => Promise<DeliverableFile[]>;
}

export interface Deliverable<
  Id extends string = string,
  F extends Fields = Fields,
  Extra = unknown,
> extends Omit<DeliverableSpec<Id, F, Extra>, 'route'> {
  route: string;
  /** The whole frontmatter schema: the shared fields, `deliverable: <id>`, and its own. */
  schema: SchemaOf<Id, F>;
  /** The brief as the manifest's “Answers” column and the PDFs name it. */
  answers: string;
}

/** A deliverable, declared once; the site, the export, the checklist and the tests derive from it. */
export function defineDeliverable<const Id extends string, F extends Fields, Extra = undefined>(
  spec: DeliverableSpec<Id, F, Extra>,
): Deliverable<Id, F, Extra> {
  const schema = z.strictObject({
    ...pageFields,
    /** Which deliverable the page answers: the one whose folder holds it. */
    deliverable: z.literal(spec.id),
    ...spec.fields,
  }) as SchemaOf<Id, F>;
  return {
    ...spec,
    route: spec.route ?? spec.id,
    schema,
    answers: `${spec.brief.challenge.en} — ${spec.brief.section.en}`,
  };
}
