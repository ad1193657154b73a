import { resolve } from 'node:path';

// Tests point the build at a broken copy of the content to see it refused.
/** The folder that holds the content: `content/`, unless KIT_CONTENT_DIR says otherwise. */
export const contentDir = resolve(process.env.KIT_CONTENT_DIR ?? 'content');
