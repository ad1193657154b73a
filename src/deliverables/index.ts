import { cloudComputing } from './cloud-computing.ts';
import { devopsPart1 } from './devops-part-1/index.ts';
import { devopsPart2 } from './devops-part-2/index.ts';
import { english } from './english/index.ts';
import { systemSecurity } from './system-security/index.ts';

/**
 * Every deliverable the kit builds, in the order the checklist and the export take them. Content
 * collections, pages, the export, the checklist and the tests all derive from this list.
 */
export const deliverables = [english, cloudComputing, systemSecurity, devopsPart1, devopsPart2];

export type AnyDeliverable = (typeof deliverables)[number];
export type DeliverableId = AnyDeliverable['id'];
export const deliverableIds = deliverables.map((d) => d.id);

/** The deliverable of `id`, with its own frontmatter type. */
export function deliverable<Id extends DeliverableId>(id: Id): Extract<AnyDeliverable, { id: Id }> {
  const found = deliverables.find((d) => d.id === id);
  if (!found) throw new Error(`Unknown deliverable “${id}”.`);
  return found as Extract<AnyDeliverable, { id: Id }>;
}
