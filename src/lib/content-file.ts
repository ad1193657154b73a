import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Root, Yaml } from 'mdast';
import { isMap, isNode, LineCounter, parseDocument } from 'yaml';
import { schemas } from '../schemas/index.ts';
import type { PageData } from '../schemas/page.ts';
import { contentChecks } from './content-checks.ts';
import { ContentError, ContentErrors, displayPath } from './content-error.ts';
import { deliverableIds, type DeliverableId } from './deliverables.ts';
import { parseMdx } from './markdown/parse-mdx.ts';

export interface ContentFile<Data extends PageData = PageData> {
  /** The path as given, for messages. */
  file: string;
  data: Data;
  tree: Root;
}

/**
 * Reads one MDX content file and checks it the way the build does: it parses, its frontmatter
 * fits its deliverable's schema, and its body holds what the deliverable needs. Every problem
 * found is reported at once, each with its line.
 */
export async function loadContentFile(path: string): Promise<ContentFile> {
  const file = displayPath(path);
  const tree = parseMdx(await readFile(path, 'utf8'), file);
  const data = frontmatter(tree, file);
  throwProblems(contentChecks[data.deliverable](tree, data, file));
  return { file, data, tree };
}

/** Every MDX file of one content folder, loaded and checked, in the order of their names. */
export async function loadContentFolder(folder: string): Promise<[ContentFile, ...ContentFile[]]> {
  const names = (await readdir(folder)).filter((name) => name.endsWith('.mdx')).sort();
  if (names.length === 0) {
    throw new ContentError(
      displayPath(folder),
      undefined,
      'the folder holds no .mdx file',
      'add the deliverable’s content as an .mdx file with its frontmatter.',
    );
  }
  const [first, ...rest] = names.map((name) => loadContentFile(join(folder, name)));
  return Promise.all([first!, ...rest]);
}

function frontmatter(tree: Root, file: string): PageData {
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
  const deliverable = raw.deliverable as DeliverableId;
  if (!deliverableIds.includes(deliverable)) {
    throw new ContentError(
      file,
      { line: lineOf('deliverable') },
      `deliverable is ${JSON.stringify(raw.deliverable)}`,
      `set it to one of ${deliverableIds.join(', ')}.`,
    );
  }
  const result = schemas[deliverable].safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.join('.') || '(frontmatter)';
    return new ContentError(
      file,
      { line: lineOf(issue.path[0]) },
      `frontmatter field “${field}”: ${issue.message}`,
      `correct “${field}” as the schema in src/schemas/ describes it.`,
    );
  });
  throw problems.length === 1 ? problems[0] : new ContentErrors(problems);
}

/** Throws the one problem as it is, or several as one error that lists them all. */
export function throwProblems(problems: readonly ContentError[]): void {
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new ContentErrors(problems);
}
