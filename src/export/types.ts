import type { DiagramRenderer } from '../lib/diagrams/render.ts';
import type { Lang } from '../lib/i18n.ts';

/** One file the export writes, relative to `submission/`. */
export interface ExportFile {
  path: string;
  contents: string | Uint8Array;
  /** The brief this file answers, for the manifest. */
  brief: string;
}

export interface ExportContext {
  /** The folder that holds the content, normally `content/`. */
  contentDir: string;
  /** The folder that holds the Mermaid sources, normally `diagrams/`. */
  diagramsDir: string;
  /** Renders every diagram of the export in one browser. */
  renderer: DiagramRenderer;
  /** The language of the files handed in under their plain names; the other gets a suffix. */
  lang: Lang;
}

/** A deliverable of the export: what it writes, computed from the content. */
export interface DeliverableExport {
  id: string;
  files(context: ExportContext): Promise<ExportFile[]>;
}
