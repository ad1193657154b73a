import { join } from 'node:path';
import { loadContentFolder } from '../../lib/content-file.ts';
import { deliverable } from '../../lib/deliverables.ts';
import { mdxToMarkdown } from '../../lib/markdown/mdx-to-markdown.ts';
import type { SecurityData } from '../../schemas/security.ts';
import type { DeliverableExport } from '../types.ts';

const { brief } = deliverable('system-security');

/**
 * `system-security/security_question.md` in the chosen language, and the other language beside
 * it as `security_question.<lang>.md`, converted from the MDX the site shows.
 */
export const systemSecurity: DeliverableExport = {
  id: 'system-security',
  async files({ contentDir, lang }) {
    const files = await loadContentFolder(join(contentDir, 'security'));
    return files.map(({ file, data, tree }) => {
      const { exportName, title, lang: fileLang } = data as SecurityData;
      const name = fileLang === lang ? exportName : exportName.replace(/\.md$/, `.${fileLang}.md`);
      return {
        path: `system-security/${name}`,
        contents: mdxToMarkdown(tree, file, { title }),
        brief: `${brief.challenge.en} — ${brief.section.en}`,
      };
    });
  },
};
