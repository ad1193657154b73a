import { createRequire } from 'node:module';
import type { IconifyJSON } from '@iconify/types';
import { ContentError } from '../content-error.ts';

const require = createRequire(import.meta.url);
let logos: IconifyJSON | undefined;

/**
 * Only the `logos:` icons a diagram names, as an iconify pack Mermaid can register: the whole
 * pack is 8.7 MB, too much to hand the page for every diagram.
 */
export function iconsFor(source: string, file: string): IconifyJSON | undefined {
  const names = [
    ...new Set([...source.matchAll(/icon\s*:\s*["']logos:([a-z0-9-]+)["']/g)].map((m) => m[1]!)),
  ];
  if (names.length === 0) return undefined;
  logos ??= require('@iconify-json/logos/icons.json') as IconifyJSON;
  const pack: IconifyJSON = {
    prefix: 'logos',
    icons: {},
    ...(logos.width ? { width: logos.width } : {}),
    ...(logos.height ? { height: logos.height } : {}),
  };
  for (const name of names) {
    const icon = logos.icons[name] ?? logos.icons[logos.aliases?.[name]?.parent ?? ''];
    if (!icon) {
      const line = source.slice(0, source.indexOf(`logos:${name}`)).split('\n').length;
      throw new ContentError(
        file,
        { line },
        `the icon logos:${name} is not in @iconify-json/logos`,
        'pick a name from https://icon-sets.iconify.design/logos/ (AWS icons start with aws-).',
      );
    }
    pack.icons[name] = icon;
  }
  return pack;
}
