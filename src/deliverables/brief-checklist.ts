import { ExplainedError } from '../lib/explained-error.ts';
import type { Lang } from '../lib/i18n.ts';
import type { ChecklistRow } from './define.ts';
import { deliverable, type DeliverableId } from './index.ts';

/**
 * One requirement of a brief, measured from the content and diagrams as they are now (each
 * deliverable's module says how): never typed by hand, so the home page and the export say what
 * holds.
 */
export interface Requirement extends ChecklistRow {
  deliverable: DeliverableId;
}

/** The checklist as the export prints it: a line per requirement, ✓ or ✗, with what was measured. */
export function formatChecklist(checklist: readonly Requirement[], lang: Lang = 'en'): string {
  return checklist
    .map(
      (r) =>
        `${r.holds ? '✓' : '✗'} ${deliverable(r.deliverable).brief.section[lang]} · ${r.requirement[lang]} — ${r.evidence[lang]}`,
    )
    .join('\n');
}

/** Thrown by the export when a requirement of a brief does not hold. */
export class ChecklistError extends ExplainedError {
  constructor(failing: readonly Requirement[]) {
    super(
      `${failing.length === 1 ? 'a requirement of the brief does' : `${failing.length} requirements of the briefs do`} not hold:\n${formatChecklist(failing)}`,
    );
    this.name = 'ChecklistError';
  }
}
