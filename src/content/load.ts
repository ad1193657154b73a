import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Root, Yaml } from 'mdast';
import { isMap, isNode, LineCounter, parseDocument } from 'yaml';
import type { Requirement } from '../deliverables/brief-checklist.ts';
import type { ContentPage, PageData, Pages } from '../deliverables/define.ts';
import {
  deliverable as deliverableOf,
  deliverableIds,
  deliverables,
  type AnyDeliverable,
  type DeliverableId,
} from '../deliverables/index.ts';
import { ContentError, ContentErrors, displayPath } from '../lib/content-error.ts';
import type { Lang } from '../lib/i18n.ts';
import { parseMdx } from '../lib/markdown/parse-mdx.ts';
import { footnoteProblems } from '../lib/sources.ts';

/** Where the loader reads from. */
interface ContentSources {
  contentDir: string;
  diagramsDir: string;
}

/** A deliverable's pages as the loader read and checked them, and its rows of the checklist. */
export interface LoadedDeliverable<D extends AnyDeliverable = AnyDeliverable> {
  deliverable: D;
  pages: Pages;
  checklist: Requirement[];
}

/** What a page's place says it must be: the deliverable of its folder, the language of its name. */
interface PagePlace {
  deliverable: AnyDeliverable;
  lang: Lang;
}

/**
 * Reads one MDX content file and checks it: it parses, its frontmatter fits its deliverable's
 * schema (its place's, or the one it names) and its place's language, every footnote cites a
 * primary source and is both defined and used, and its body holds what the deliverable needs. Every problem found is reported at once, each with its line.
 */
export async function loadPage(path: string, place?: PagePlace): Promise<ContentPage> {
  const file = displayPath(path);
  const tree = parseMdx(await readFile(path, 'utf8'), file);
  const { deliverable, data } = frontmatter(tree, file, place);
  const extra = deliverable.extra?.({ file, path, data: data as never });
  const page: ContentPage = { file, path, data, tree, extra };
  const problems = [...footnoteProblems(tree, file), ...(deliverable.check?.(page as never) ?? [])];
  if (problems.length > 0) throw failure(problems);
  return page;
}

/** One deliverable's folder: a page per language it declares, checked, and its checklist rows. */
export async function loadDeliverable<D extends AnyDeliverable>(
  deliverable: D,
  sources: ContentSources,
): Promise<LoadedDeliverable<D>> {
  const folder = join(sources.contentDir, deliverable.route);
  const names = (await readdir(folder).catch(() => [])).filter((name) => name.endsWith('.mdx'));
  const expected = deliverable.languages.map((lang) => `${lang}.mdx`);
  const missing = expected.filter((name) => !names.includes(name));
  const unknown = names.filter((name) => !expected.includes(name));
  if (missing.length > 0 || unknown.length > 0) {
    throw new ContentError(
      displayPath(unknown.length ? join(folder, unknown[0]!) : folder),
      undefined,
      missing.length
        ? `${deliverable.id} is written in ${deliverable.languages.join(', ')}, and ${missing.join(', ')} is missing here`
        : `${deliverable.id} is written in ${deliverable.languages.join(', ')} only`,
      missing.length
        ? `add ${missing.join(', ')} with its frontmatter, or change the languages in src/deliverables/${deliverable.id}.ts.`
        : `rename the file to one of ${expected.join(', ')}, or add its language in src/deliverables/${deliverable.id}.ts.`,
    );
  }
  const pages = (await settle(
    deliverable.languages.map((lang) =>
      loadPage(join(folder, `${lang}.mdx`), { deliverable, lang }),
    ),
  )) as Pages;
  const rows = await deliverable.checklist(pages as never, sources);
  return {
    deliverable,
    pages,
    checklist: rows.map((row) => ({ deliverable: deliverable.id, ...row })),
  };
}

/** Every deliverable, loaded and checked: what the export computes its files from. */
export async function loadContent(sources: ContentSources): Promise<LoadedDeliverable[]> {
  return settle(deliverables.map((d) => loadDeliverable(d, sources)));
}

/** Waits for every load, then throws every content problem found in one error, or returns. */
async function settle<T>(loads: Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(loads);
  const problems: ContentError[] = [];
  for (const result of results) {
    if (result.status === 'fulfilled') continue;
    const error: unknown = result.reason;
    if (error instanceof ContentErrors) problems.push(...error.problems);
    else if (error instanceof ContentError) problems.push(error);
    else throw error;
  }
  if (problems.length > 0) throw failure(problems);
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

function frontmatter(
  tree: Root,
  file: string,
  place: PagePlace | undefined,
): { deliverable: AnyDeliverable; data: PageData } {
  const expected = place?.deliverable;
  const yamlNode = tree.children.find((node): node is Yaml => node.type === 'yaml');
  if (!yamlNode) {
    throw new ContentError(
      file,
      { line: 1 },
      'the file has no frontmatter',
      'start it with a `---` block holding title, description, lang, deliverable and order.',
    );
  }
  const lines = new LineCounter();
  const document = parseDocument(yamlNode.value, { lineCounter: lines });
  // The YAML starts on the line after the opening `---`.
  const offset = (yamlNode.position?.start.line ?? 1) + 1;
  const lineOf = (field: PropertyKey | undefined) => {
    const pair = isMap(document.contents)
      ? document.contents.items.find((item) => String(item.key) === String(field))
      : undefined;
    const start = isNode(pair?.key) ? pair.key.range?.[0] : undefined;
    // A missing field is reported at the opening `---`.
    return start === undefined ? offset - 1 : offset + lines.linePos(start).line - 1;
  };
  if (document.errors.length) {
    const [error] = document.errors;
    throw new ContentError(
      file,
      { line: offset + (error?.linePos?.[0].line ?? 1) - 1 },
      `the frontmatter is not valid YAML: ${error?.message.split('\n')[0]}`,
      'quote values that contain a colon, and indent nested values consistently.',
    );
  }
  const raw = (document.toJS() ?? {}) as Record<string, unknown>;
  const named = raw.deliverable as DeliverableId;
  if (!deliverableIds.includes(named)) {
    throw new ContentError(
      file,
      { line: lineOf('deliverable') },
      `deliverable is ${JSON.stringify(raw.deliverable)}`,
      `set it to ${expected ? `${expected.id}, the deliverable of its folder` : `one of ${deliverableIds.join(', ')}`}.`,
    );
  }
  const deliverable = expected ?? deliverableOf(named);
  if (named !== deliverable.id) {
    throw new ContentError(
      file,
      { line: lineOf('deliverable') },
      `deliverable is ${named}, and the file is in the folder of ${deliverable.id}`,
      `set it to ${deliverable.id}, or move ${basename(file)} to content/${deliverableOf(named).route}/.`,
    );
  }
  const result = deliverable.schema.safeParse(raw);
  if (result.success && place && result.data.lang !== place.lang) {
    // The site files a page under its lang: an es.mdx saying `en` would replace the English page.
    throw new ContentError(
      file,
      { line: lineOf('lang') },
      `lang is ${result.data.lang}, and the file is ${place.lang}.mdx`,
      `set it to ${place.lang}: the file's name is its language.`,
    );
  }
  if (result.success) return { deliverable, data: result.data };
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.join('.') || '(frontmatter)';
    return new ContentError(
      file,
      { line: lineOf(issue.path[0]) },
      `frontmatter field “${field}”: ${issue.message}`,
      `correct “${field}” as src/deliverables/${deliverable.id}.ts describes it.`,
    );
  });
  throw failure(problems);
}

/** What to throw for `problems`: the one problem as it is, or several as one error listing them. */
function failure(problems: readonly ContentError[]): Error {
  return problems.length === 1 ? problems[0]! : new ContentErrors(problems);
}
