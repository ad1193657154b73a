import { getCollection, type CollectionEntry } from 'astro:content';
import { deliverable, type Deliverable } from '../lib/deliverables.ts';
import { defaultLang, languages, type Lang } from '../lib/i18n.ts';

/** A content entry of any deliverable; each collection adds itself here. */
export type DeliverableEntry =
  | CollectionEntry<'devopsPart1'>
  | CollectionEntry<'devopsPart2'>
  | CollectionEntry<'learning'>
  | CollectionEntry<'security'>
  | CollectionEntry<'stories'>;

/** The collection of each deliverable's pages. */
type DeliverableCollection = DeliverableEntry['collection'];

/** A deliverable page's `getStaticPaths`: one page per language its collection holds. */
export async function pagePaths<C extends DeliverableCollection>(collection: C) {
  const entries = await getCollection(collection);
  return entries.map((entry) => ({
    params: { lang: langParam(entry.data.lang) },
    props: { entry },
  }));
}

/** Every deliverable page in every language, in the order the content asks for. */
export async function allEntries(): Promise<DeliverableEntry[]> {
  const entries: DeliverableEntry[] = [
    ...(await getCollection('learning')),
    ...(await getCollection('devopsPart1')),
    ...(await getCollection('devopsPart2')),
    ...(await getCollection('stories')),
    ...(await getCollection('security')),
  ];
  return entries.sort((a, b) => a.data.order - b.data.order);
}

export interface PageLink {
  deliverable: Deliverable;
  entry: DeliverableEntry;
  /** The language the linked page is written in; differs from the reader's when untranslated. */
  lang: Lang;
}

/** One link per deliverable for a reader of `lang`: the page in that language, else the default. */
export async function pageLinks(lang: Lang): Promise<PageLink[]> {
  const entries = await allEntries();
  const ids = [...new Set(entries.map((e) => e.data.deliverable))];
  return ids.flatMap((id) => {
    const entry =
      entries.find((e) => e.data.deliverable === id && e.data.lang === lang) ??
      entries.find((e) => e.data.deliverable === id && e.data.lang === defaultLang);
    return entry ? [{ deliverable: deliverable(id), entry, lang: entry.data.lang }] : [];
  });
}

/** The languages a deliverable's page exists in, for the language switch and hreflang. */
export async function languagesOf(id: Deliverable['id']): Promise<Lang[]> {
  const entries = await allEntries();
  return languages.filter((l) =>
    entries.some((e) => e.data.deliverable === id && e.data.lang === l),
  );
}

/** Astro's `[...lang]` parameter: no segment for the default language. */
export function langParam(lang: Lang): string | undefined {
  return lang === defaultLang ? undefined : lang;
}
