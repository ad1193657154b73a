import type { DeliverableExport } from '../types.ts';
import { cloudComputing } from './cloud-computing.ts';
import { devopsPart1 } from './devops-part-1.ts';
import { devopsPart2 } from './devops-part-2.ts';
import { english } from './english.ts';
import { systemSecurity } from './system-security.ts';

/** Everything `npm run export` writes, deliverable by deliverable. */
export const deliverableExports: readonly DeliverableExport[] = [
  english,
  cloudComputing,
  systemSecurity,
  devopsPart1,
  devopsPart2,
];
