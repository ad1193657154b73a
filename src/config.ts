import { join, resolve } from 'node:path';
import { defaultLang, languages, type Lang } from './lib/i18n.ts';

/**
 * Everything a run of the kit reads from its surroundings, resolved once at the edge (a command's
 * flags, or the environment `astro.config.mjs` sees) and handed down; no other module reads
 * `process.env`.
 */
export interface KitConfig {
  /** The folder that holds the content, one folder per deliverable: `content/`. */
  contentDir: string;
  /** The Mermaid sources: `diagrams/`. */
  diagramsDir: string;
  /** Where rendered diagrams are kept between runs, keyed by their content. */
  diagramCacheDir: string;
  /**
   * Astro's own cache (its content store) when a build of other content must keep apart from the
   * real one; Astro's default when undefined.
   */
  astroCacheDir: string | undefined;
  site: {
    /** The origin the site is published at, for canonical links and the sitemap. */
    url: string;
    /** The sub-path it is published under, ending in `/`: `/` at the root of the origin. */
    base: string;
    /** Whether `url` was given: without it, the PDFs link to no other page. */
    published: boolean;
  };
  /**
   * The language of the files handed in under their plain names (`--lang`); the other gets a
   * suffix. The export passes it to the build of its PDFs, so the site offers the same files.
   */
  exportLang: Lang;
  /** The DevTools endpoint of a browser the process that started this one already runs. */
  browserEndpoint: string | undefined;
  /** Whether failures print their stack: `DEBUG=1` or `--verbose`. */
  verbose: boolean;
}

/** The variables a build reads; the export sets them for the build of its PDFs. */
export const configVariables = {
  contentDir: 'KIT_CONTENT_DIR',
  diagramsDir: 'KIT_DIAGRAMS_DIR',
  diagramCacheDir: 'KIT_DIAGRAM_CACHE_DIR',
  astroCacheDir: 'KIT_CACHE_DIR',
  browserEndpoint: 'KIT_BROWSER_ENDPOINT',
  exportLang: 'KIT_EXPORT_LANG',
  siteUrl: 'SITE_URL',
  siteBase: 'SITE_BASE',
} as const;

type ConfigFlags = Partial<
  Pick<KitConfig, 'contentDir' | 'diagramsDir' | 'diagramCacheDir' | 'exportLang'>
>;

/** The configuration from flags first, then the environment, then the defaults under `root`. */
export function resolveConfig(
  env: Readonly<Record<string, string | undefined>>,
  flags: ConfigFlags = {},
  { root = process.cwd(), argv = process.argv }: { root?: string; argv?: readonly string[] } = {},
): KitConfig {
  const v = configVariables;
  const url = env[v.siteUrl];
  return {
    contentDir: resolve(root, flags.contentDir ?? env[v.contentDir] ?? 'content'),
    diagramsDir: resolve(root, flags.diagramsDir ?? env[v.diagramsDir] ?? 'diagrams'),
    diagramCacheDir: resolve(
      root,
      flags.diagramCacheDir ??
        env[v.diagramCacheDir] ??
        join('node_modules', '.cache', 'submission-kit', 'diagrams'),
    ),
    astroCacheDir: env[v.astroCacheDir] || undefined,
    site: {
      url: url || 'http://127.0.0.1:4321',
      base: withSlash(env[v.siteBase] || '/'),
      published: !!url,
    },
    exportLang: flags.exportLang ?? exportLang(env[v.exportLang]),
    browserEndpoint: env[v.browserEndpoint] || undefined,
    verbose: isVerbose(env, argv),
  };
}

function exportLang(value: string | undefined): Lang {
  if (!value) return defaultLang;
  if (languages.includes(value as Lang)) return value as Lang;
  throw new Error(
    `${configVariables.exportLang} is “${value}”; set it to one of ${languages.join(', ')}.`,
  );
}

/** Whether the person asked for stacks with failures: `DEBUG=1` or `--verbose`. */
export function isVerbose(
  env: Readonly<Record<string, string | undefined>>,
  argv: readonly string[],
): boolean {
  return Boolean(env.DEBUG && env.DEBUG !== '0') || argv.includes('--verbose');
}

/** The published site's root URL, ending in `/`, when it was given. */
export function publishedRoot({ site }: KitConfig): string | undefined {
  if (!site.published) return undefined;
  return new URL(site.base, site.url).href;
}

/** `SITE_BASE=/kit` and `/kit/` name the same sub-path; the kit keeps the second form. */
function withSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}
