import remarkGfm from 'remark-gfm';
import { rehypeFootnoteLanguage } from './rehype-footnote-language.ts';
import { rehypeScrollableTables } from './rehype-scrollable-tables.ts';
import { rehypeTaskListLabels } from './rehype-task-list-labels.ts';

/**
 * The remark and rehype plugins the site's Markdown and MDX run, and the export's parser too
 * (remark only), so a construct that renders on the site also survives into `submission/`.
 */
export const remarkPlugins = [remarkGfm];
export const rehypePlugins = [rehypeTaskListLabels, rehypeFootnoteLanguage, rehypeScrollableTables];
