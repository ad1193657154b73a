// @ts-check
import { unified } from '@astrojs/markdown-remark';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { diagrams } from './src/integrations/diagrams.ts';
import { rehypePlugins, remarkPlugins } from './src/lib/markdown/plugins.ts';

// Deployments set these; a local build is served at the root of its own origin.
const site = process.env.SITE_URL ?? 'http://127.0.0.1:4321';
const base = process.env.SITE_BASE ?? '/';

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  // Astro 7's default processor ignores remark and rehype plugins: this one runs them, for .md
  // and (inherited) .mdx alike. GFM comes from our remark-gfm, shared with the export.
  markdown: {
    processor: unified({ gfm: false, remarkPlugins, rehypePlugins }),
    // The default github-dark draws comments below WCAG AA contrast; axe refuses them.
    shikiConfig: { theme: 'github-dark-high-contrast' },
  },
  integrations: [
    mdx(),
    diagrams(),
    sitemap({ i18n: { defaultLocale: 'en', locales: { en: 'en', es: 'es' } } }),
  ],
  build: { inlineStylesheets: 'always' },
  // The recorder's script ships as a file, so the pages' CSP allows scripts from 'self' alone,
  // with no 'unsafe-inline' and no hash to keep in step with the code.
  vite: { build: { assetsInlineLimit: 0 } },
  devToolbar: { enabled: false },
  // A test build of other content keeps its content store apart from the real one.
  ...(process.env.KIT_CACHE_DIR ? { cacheDir: process.env.KIT_CACHE_DIR } : {}),
});
