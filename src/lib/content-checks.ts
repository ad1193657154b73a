import type { Root } from 'mdast';
import type { PageData } from '../schemas/page.ts';
import type { ContentError } from './content-error.ts';
import type { DeliverableId } from './deliverables.ts';
import type { LearningData } from '../schemas/learning.ts';
import { learningTexts, scriptProblems } from './learning-texts.ts';
import { owaspProblems } from './owasp.ts';
import { part1Problems } from './part-1-project.ts';

type Check = (tree: Root, data: PageData, file: string) => ContentError[];

/** What each deliverable's body must hold beyond its frontmatter; the build and the export run these. */
export const contentChecks: Record<DeliverableId, Check> = {
  english: (_, data, file) => scriptProblems(learningTexts(file, data as LearningData).script),
  // Its diagrams are checked when they render: a missing or broken one stops the build.
  'cloud-computing': () => [],
  'devops-part-1': (_, __, file) => part1Problems(file),
  'devops-part-2': () => [],
  'system-security': (tree, data, file) => owaspProblems(tree, data.lang, file),
};
