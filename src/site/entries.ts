import { getCollection, type CollectionEntry } from 'astro:content';
import type { z } from 'astro/zod';
import {
  deliverable,
  deliverables,
  type AnyDeliverable,
  type DeliverableId,
} from '../deliverables/index.ts';
import type { Requirement } from '../deliverables/brief-checklist.ts';
import { defaultLang, type Lang } from '../lib/i18n.ts';

type ExtraOf<D extends AnyDeliverable> =
  NonNullable<D['extra']> extends (...args: never[]) => infer Extra ? Extra : undefined;

/** One page of a deliverable as the content loader stored it. */
export interface SitePage<D extends AnyDeliverable = AnyDeliverable> {
  deliverable: D;
  entry: CollectionEntry<DeliverableId>;
  /** The content file, for messages. */
  file: string;
  data: z.infer<D['schema']>;
  extra: ExtraOf<D>;
  /** The deliverable's rows of the brief checklist. */
  checklist: Requirement[];
}

/** The pages of deliverable `id`, one per language, as the loader stored them. */
export async function sitePages<Id extends DeliverableId>(
  id: Id,
): Promise<SitePage<Extract<AnyDeliverable, { id: Id }>>[]> {
  type Page = SitePage<Extract<AnyDeliverable, { id: Id }>>;
  const entries = await getCollection(id);
  return entries.map(
    (entry) =>
      ({
        deliverable: deliverable(id),
        entry,
        ...(entry.data as Omit<Page, 'deliverable' | 'entry'>),
      }) as unknown as Page,
  );
}

/** A deliverable page's `getStaticPaths`: one page per language it is written in. */
export async function pagePaths<Id extends DeliverableId>(id: Id) {
  return (await sitePages(id)).map((page) => ({
    params: { lang: langParam(page.data.lang) },
    props: { page },
  }));
}

/** Every deliverable page in every language, in the order the content asks for. */
async function allPages(): Promise<SitePage[]> {
  const pages = (await Promise.all(deliverables.map((d) => sitePages(d.id)))).flat() as SitePage[];
  return pages.sort((a, b) => a.data.order - b.data.order);
}

interface PageLink {
  page: SitePage;
  /** The language the linked page is written in; differs from the reader's when untranslated. */
  lang: Lang;
}

/** One link per deliverable for a reader of `lang`: the page in that language, else the default. */
export async function pageLinks(lang: Lang): Promise<PageLink[]> {
  const pages = await allPages();
  const ids = [...new Set(pages.map((p) => p.deliverable.id))];
  return ids.flatMap((id) => {
    const page =
      pages.find((p) => p.deliverable.id === id && p.data.lang === lang) ??
      pages.find((p) => p.deliverable.id === id && p.data.lang === defaultLang);
    return page ? [{ page, lang: page.data.lang }] : [];
  });
}

/** The brief checklist, in the registry's order, as the loader measured it. */
export async function checklist(): Promise<Requirement[]> {
  const rows = await Promise.all(
    deliverables.map(async (d) => (await sitePages(d.id))[0]?.checklist ?? []),
  );
  return rows.flat();
}

/** Astro's `[...lang]` parameter: no segment for the default language. */
export function langParam(lang: Lang): string | undefined {
  return lang === defaultLang ? undefined : lang;
}
