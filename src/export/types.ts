import type { DeliverableFile } from '../deliverables/define.ts';

/** One file the export writes, relative to `submission/`, with the brief it answers. */
export interface ExportFile extends DeliverableFile {
  /** The brief this file answers, for the manifest. */
  brief: string;
}
