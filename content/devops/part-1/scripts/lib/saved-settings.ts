import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiOptions, optionKeys, type ApiOptions } from '../../lib/settings.ts';
import { projectDir, UsageError } from './commands.ts';

/**
 * The CDK's own context file: every `cdk` command in this folder reads it, so `cdk diff` or
 * `cdk synth` by hand see the same settings as the last deploy. Other keys (lookups the CDK
 * caches there) are kept as they are.
 */
export const settingsFile = join(projectDir, 'cdk.context.json');

type Saved = Record<string, unknown>;

function readFile(): Saved {
  if (!existsSync(settingsFile)) return {};
  try {
    return JSON.parse(readFileSync(settingsFile, 'utf8')) as Saved;
  } catch (error) {
    throw new UsageError(
      `${settingsFile} is not valid JSON (${(error as Error).message}): fix it, or delete it to start from the defaults.`,
    );
  }
}

/** `-c key=value` pairs parsed and checked against the keys the stack reads (`key=` clears one). */
export function parseChoices(pairs: readonly string[], usage: string): Map<string, string> {
  const choices = new Map<string, string>();
  for (const pair of pairs) {
    const match = /^([\w-]+)=(.*)$/.exec(pair);
    if (!match) throw new UsageError(`-c takes key=value, not “${pair}”.\n${usage}`);
    const [, key, value] = match as unknown as [string, string, string];
    if (!(optionKeys as readonly string[]).includes(key)) {
      throw new UsageError(
        `-c ${key} is not a setting of this stack; it reads ${optionKeys.join(', ')}.`,
      );
    }
    choices.set(key, value);
  }
  return choices;
}

/** The saved settings with this run's choices on top, checked as the stack will check them. */
export function mergeSettings(choices: ReadonlyMap<string, string>): Record<string, string> {
  const saved = readFile();
  const merged: Record<string, string> = {};
  for (const key of optionKeys) {
    const value = choices.has(key) ? choices.get(key) : saved[key];
    if (value !== undefined && value !== '') merged[key] = String(value);
  }
  try {
    apiOptions((key) => merged[key]);
  } catch (error) {
    const saved = [...Object.keys(merged)].filter((key) => !choices.has(key));
    throw new UsageError(
      `${(error as Error).message}${saved.length ? ` (${saved.join(', ')} from ${settingsFile})` : ''}`,
    );
  }
  return merged;
}

/** Writes the settings into cdk.context.json, leaving the file's other keys alone. */
export function saveSettings(settings: Record<string, string>): void {
  const others = Object.entries(readFile()).filter(
    ([key]) => !(optionKeys as readonly string[]).includes(key),
  );
  const file = { ...Object.fromEntries(others), ...settings };
  writeFileSync(settingsFile, `${JSON.stringify(file, null, 2)}\n`);
}

/** One line per setting, defaults included, as deploy prints them. */
export function describeSettings(settings: Record<string, string>): string {
  const options: ApiOptions = apiOptions((key) => settings[key]);
  const shown: Record<(typeof optionKeys)[number], string> = {
    imageBuild:
      options.imageBuild === 'local'
        ? 'local (Docker on this machine)'
        : 'codebuild (in your account)',
    desiredCount: String(options.desiredCount),
    maxTasks: String(options.maxTasks),
    availabilityZones:
      options.availabilityZones ?? '(the region’s first two that VPC origins support)',
    natGateway: String(options.natGateway),
    waf: options.waf
      ? 'true (AWS WAF: about $6 a month, plus $0.60 per million requests)'
      : 'false',
    domainName: options.domainName ?? '(none: the CloudFront address)',
    certificateArn: options.certificateArn ?? '(none: CloudFront’s default certificate)',
    hostedZoneId:
      options.hostedZoneId ?? (options.domainName ? '(none: you add the DNS record)' : '(none)'),
  };
  return optionKeys.map((key) => `  ${key.padEnd(17)} ${shown[key]}`).join('\n');
}
