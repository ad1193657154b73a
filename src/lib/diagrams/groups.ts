import { join } from 'node:path';
import { ContentError } from '../content-error.ts';
import { convert, groupIconDir } from './icons.ts';
import type { Theme } from './mermaid-config.ts';

/**
 * The groups of the AWS Architecture Icons deck, as a diagram names them in a Mermaid class:
 * `class vpc vpc`. Each draws its box as AWS does — border colour and dash, a tint for subnets —
 * with its official group icon in the top-left corner and its name beside it.
 */
interface GroupStyle {
  /** The file in `aws-icons/icons/architecture-group/`; an Availability Zone has none. */
  icon?: string;
  /** Its border colour, light and dark. */
  stroke: Record<Theme, string>;
  dashed: boolean;
  fill: Record<Theme, string>;
}

const none = { default: 'none', dark: 'none' };
const teal = { default: '#00A4A6', dark: '#00A4A6' };

export const groupStyles: Record<string, GroupStyle> = {
  awsCloud: {
    icon: 'AWSCloud.svg',
    stroke: { default: '#232F3E', dark: '#D5DBDB' },
    dashed: false,
    fill: none,
  },
  region: { icon: 'Region.svg', stroke: teal, dashed: true, fill: none },
  vpc: {
    icon: 'VirtualprivatecloudVPC.svg',
    stroke: { default: '#8C4FFF', dark: '#A57CFF' },
    dashed: false,
    fill: none,
  },
  az: { stroke: teal, dashed: true, fill: none },
  publicSubnet: {
    icon: 'Publicsubnet.svg',
    stroke: { default: '#7AA116', dark: '#7AA116' },
    dashed: false,
    fill: { default: '#F2F6E8', dark: '#1B2410' },
  },
  privateSubnet: {
    icon: 'Privatesubnet.svg',
    stroke: teal,
    dashed: false,
    fill: { default: '#E6F6F7', dark: '#0B2426' },
  },
  autoScaling: {
    icon: 'AutoScalinggroup.svg',
    stroke: { default: '#ED7100', dark: '#ED7100' },
    dashed: true,
    fill: none,
  },
  /** A box that only arranges what it holds: drawn with no border. */
  layout: { stroke: none, dashed: false, fill: none },
  /** Any other grouping (a stage, the legend): AWS's generic dashed grey group. */
  generic: {
    stroke: { default: '#7D8998', dark: '#98A2AE' },
    dashed: true,
    fill: none,
  },
};

/** The icon's drawn size and its gap to the group's name, in CSS px. */
const iconSize = 32;
const gap = 8;

const cluster =
  /<g class="cluster ([\w-]+)"([^>]*)><rect style="[^"]*" x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)"\/><g class="cluster-label" transform="translate\(([\d.-]+), ([\d.-]+)\)">/g;

/**
 * Redraws every cluster of a rendered flowchart that carries a group class in AWS's style. A
 * cluster with another class is refused with the classes there are, so a typo is not drawn plain.
 */
export function drawGroups(svg: string, theme: Theme, file: string): string {
  return svg.replace(
    cluster,
    (_match, name: string, rest: string, x: string, y: string, width: string, height: string) => {
      const style = groupStyles[name];
      if (!style)
        throw new ContentError(
          file,
          undefined,
          `the subgraph class “${name}” is not an AWS group`,
          `use one of ${Object.keys(groupStyles).join(', ')} (class <subgraph id> <group>).`,
        );
      const left = Number(x);
      const top = Number(y);
      const rectStyle = [
        `fill: ${style.fill[theme]}`,
        `stroke: ${style.stroke[theme]}`,
        'stroke-width: 2px',
        `stroke-dasharray: ${style.dashed ? '8 5' : 'none'}`,
        'rx: 0',
      ].join('; ');
      const rect = `<rect style="${rectStyle}" x="${x}" y="${y}" width="${width}" height="${height}"/>`;
      if (!style.icon) {
        return `<g class="cluster aws-${name}"${rest}>${rect}<g class="cluster-label" transform="translate(${left + gap}, ${top + 4})">`;
      }
      const icon = convert(join(groupIconDir, style.icon));
      const iconSvg = `<svg class="group-icon" x="${left}" y="${top}" width="${iconSize}" height="${iconSize}" viewBox="0 0 ${icon.width} ${icon.height}" aria-hidden="true">${icon.body}</svg>`;
      return `<g class="cluster aws-${name}"${rest}>${rect}${iconSvg}<g class="cluster-label" transform="translate(${left + iconSize + gap}, ${top + 4})">`;
    },
  );
}
