// @ts-check
import { unified } from '@astrojs/markdown-remark';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { resolveConfig } from './src/config.ts';
import { submissionKit } from './src/integrations/submission-kit.ts';
import { rehypePlugins, remarkPlugins } from './src/lib/markdown/plugins.ts';

// The one place a build reads its environment: deployments set SITE_URL and SITE_BASE, the
// export points its build at other content (see src/config.ts). A local build is served at the
// root of its own origin.
const config = resolveConfig(process.env);

export default defineConfig({
  site: config.site.url,
  base: config.site.base,
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
    submissionKit(config),
    sitemap({ i18n: { defaultLocale: 'en', locales: { en: 'en', es: 'es' } } }),
  ],
  build: { inlineStylesheets: 'always' },
  // The recorder's script ships as a file, so the pages' CSP allows scripts from 'self' alone,
  // with no 'unsafe-inline' and no hash to keep in step with the code.
  vite: { build: { assetsInlineLimit: 0 } },
  devToolbar: { enabled: false },
  // A build of other content keeps its content store apart from the real one.
  ...(config.astroCacheDir ? { cacheDir: config.astroCacheDir } : {}),
});
