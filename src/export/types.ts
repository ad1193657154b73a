import type { DeliverableFile } from '../deliverables/define.ts';

/** One file the export writes, relative to `submission/`, with the brief it answers. */
export interface ExportFile extends DeliverableFile {
  /** The brief this file answers, for the manifest. */
  brief: string;
  /** The id of the deliverable that writes it; none for the DevOps zip and the manifest. */
  deliverable?: string;
}
