import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { blankIconSet, cleanupSVG, runSVGO, SVG } from '@iconify/tools';
import type { IconifyJSON } from '@iconify/types';
import { ContentError } from '../content-error.ts';

/** The prefix diagrams write: `s3@{ icon: "aws:simplestorageservice", label: … }`. */
export const iconPrefix = 'aws';

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('aws-icons/package.json'));
const serviceDir = join(packageDir, 'icons', 'architecture-service');
/** AWS Cloud, Region, VPC, subnets…: the icons that sit in a group box's corner. */
export const groupIconDir = join(packageDir, 'icons', 'architecture-group');

/** Part of the render cache's key: new icons from a new release render every diagram again. */
export const iconsVersion = (require('aws-icons/package.json') as { version: string }).version;

/**
 * An official AWS Architecture Icon's name: its file name in lower case, without the brand, as
 * people write the service (`AmazonCloudFront.svg` → `cloudfront`, `AWSElementalMediaConvert.svg`
 * → `elementalmediaconvert`). Iconify names allow no capitals.
 */
export function iconName(file: string): string {
  return words(file).join('').toLowerCase();
}

/** The words of an icon's file name without the brand: `AmazonSimpleQueueService` → Simple, Queue, Service. */
function words(file: string): string[] {
  return file
    .replace(/\.svg$/, '')
    .replace(/^(Amazon|AWS)(?=[A-Z0-9])/, '')
    .split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/);
}

function abbreviations(file: string): string[] {
  const initials = words(file)
    .map((word) => word[0])
    .join('')
    .toLowerCase();
  return [initials, initials.replace(/(.)\1+/g, (run, letter: string) => letter + run.length)];
}

interface ServiceIcon {
  path: string;
  /** `sqs` for SimpleQueueService, `s3` for SimpleStorageService: how people abbreviate them. */
  initials: string[];
}

let icons: Map<string, ServiceIcon> | undefined;

/** Every service icon the package ships, by its Iconify name. */
function serviceIcons(): Map<string, ServiceIcon> {
  icons ??= new Map(
    readdirSync(serviceDir)
      .filter((file) => file.endsWith('.svg'))
      .map((file) => [
        iconName(file),
        {
          path: join(serviceDir, file),
          initials: abbreviations(file),
        },
      ]),
  );
  return icons;
}

/** Edit distance, to suggest the names closest to a misspelt one. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        previous[j]! + 1,
        row[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * The known names nearest to `wrong` (`logos:aws-sqs` → `simplequeueservice` first): initials or
 * containment first, then by edit distance.
 */
export function closeNames(wrong: string, count = 5): string[] {
  const name = wrong
    .replace(/^[a-z0-9-]*:/, '')
    .replace(/^(aws|amazon)-?/, '')
    .replaceAll('-', '');
  const score = (known: string, { initials }: ServiceIcon) =>
    distance(name, known) -
    (initials.includes(name) ? 200 : 0) -
    (known.includes(name) || (known.length > 2 && name.includes(known)) ? 100 : 0);
  return [...serviceIcons()]
    .map(([known, icon]) => ({ known, score: score(known, icon) }))
    .sort((a, b) => a.score - b.score || a.known.localeCompare(b.known))
    .slice(0, count)
    .map(({ known }) => known);
}

const converted = new Map<string, IconifyJSON['icons'][string]>();

/** One SVG file as an Iconify icon: cleaned and optimised by @iconify/tools, ids made unique by Mermaid. */
export function convert(path: string): IconifyJSON['icons'][string] {
  let icon = converted.get(path);
  if (!icon) {
    const svg = new SVG(readFileSync(path, 'utf8'));
    cleanupSVG(svg);
    runSVGO(svg);
    icon = { body: svg.getBody(), width: svg.viewBox.width, height: svg.viewBox.height };
    converted.set(path, icon);
  }
  return icon;
}

/**
 * Only the icons a diagram names, as an Iconify pack Mermaid can register: the official set has
 * hundreds, too many to hand the page for every diagram. An unknown name is refused at its line,
 * with the names closest to it.
 */
export function iconsFor(source: string, file: string): IconifyJSON | undefined {
  const wanted = new Set<string>();
  source.split('\n').forEach((line, index) => {
    for (const [, full] of line.matchAll(/\bicon\s*:\s*["']([^"']*)["']/g)) {
      const [prefix, name] = full!.split(':');
      if (prefix !== iconPrefix || !name || !serviceIcons().has(name)) {
        throw new ContentError(
          file,
          { line: index + 1 },
          `the icon “${full}” is not one of the official AWS Architecture Icons (npm aws-icons)`,
          `use ${iconPrefix}:<name>, the icon file's name in lower case without Amazon or AWS; the closest are ${closeNames(
            full!,
          )
            .map((close) => `${iconPrefix}:${close}`)
            .join(', ')}.`,
        );
      }
      wanted.add(name);
    }
  });
  if (wanted.size === 0) return undefined;
  const pack = blankIconSet(iconPrefix);
  for (const name of [...wanted].sort())
    pack.setIcon(name, convert(serviceIcons().get(name)!.path));
  return pack.export();
}
