import type { DeliverableExport } from '../types.ts';
import { cloudComputing } from './cloud-computing.ts';
import { systemSecurity } from './system-security.ts';

/** Everything `npm run export` writes, deliverable by deliverable. */
export const deliverableExports: readonly DeliverableExport[] = [cloudComputing, systemSecurity];
