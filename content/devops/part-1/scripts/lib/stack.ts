import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outputKeys, stackName } from '../../lib/settings.ts';
import type { AwsContext } from './aws-context.ts';
import { awsJson, capture, CommandError, run, UsageError } from './commands.ts';

export type StackOutputs = Record<keyof typeof outputKeys, string>;

/** The deployed stack's outputs, or undefined when the stack is not in this account and region. */
export function findStackOutputs({ region }: AwsContext): StackOutputs | undefined {
  let stacks: { Outputs?: { OutputKey: string; OutputValue: string }[] }[];
  try {
    ({ Stacks: stacks } = awsJson<{ Stacks: typeof stacks }>([
      'cloudformation',
      'describe-stacks',
      '--stack-name',
      stackName,
      '--region',
      region,
    ]));
  } catch (error) {
    if (error instanceof CommandError && /does not exist/.test(error.stderr)) return undefined;
    throw error;
  }
  const values = new Map((stacks[0]?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
  const outputs = {} as StackOutputs;
  for (const [name, key] of Object.entries(outputKeys) as [keyof StackOutputs, string][]) {
    const value = values.get(key);
    if (!value)
      throw new UsageError(
        `The stack ${stackName} has no output ${key}; deploy it again with \`npm run deploy\`.`,
      );
    outputs[name] = value;
  }
  return outputs;
}

export function stackOutputs(context: AwsContext): StackOutputs {
  const outputs = findStackOutputs(context);
  if (!outputs) {
    throw new UsageError(
      `The stack ${stackName} is not deployed in ${context.region}. Deploy it first with \`npm run deploy\`, or set AWS_REGION to the region you deployed to.`,
    );
  }
  return outputs;
}

/** Tokens go in a header: printable ASCII without spaces keeps `curl -H` simple. */
export function checkToken(token: string): string {
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new UsageError(
      'The token must be printable ASCII with no spaces (letters, digits and symbols such as - _ . ~).',
    );
  }
  if (token.length < 16) console.warn('! This token is shorter than 16 characters: easy to guess.');
  return token;
}

/**
 * Puts the new token in Secrets Manager and rolls the service: ECS reads secrets only when a task
 * starts. The value goes to the AWS CLI in a private temporary file, never on a command line.
 */
export function setToken(context: AwsContext, outputs: StackOutputs, token: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'api-token-'));
  const file = join(dir, 'token');
  try {
    writeFileSync(file, token, { mode: 0o600 });
    capture('aws', [
      'secretsmanager',
      'put-secret-value',
      '--secret-id',
      outputs.secret,
      '--secret-string',
      `file://${file}`,
      '--region',
      context.region,
      '--output',
      'json',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('Token stored in Secrets Manager. Restarting the tasks so they read it…');
  capture('aws', [
    'ecs',
    'update-service',
    '--cluster',
    outputs.cluster,
    '--service',
    outputs.service,
    '--force-new-deployment',
    '--region',
    context.region,
    '--output',
    'json',
  ]);
  run('aws', [
    'ecs',
    'wait',
    'services-stable',
    '--cluster',
    outputs.cluster,
    '--services',
    outputs.service,
    '--region',
    context.region,
  ]);
}

/** The command that prints the current token, for the summary: the token itself is never printed. */
export function readTokenCommand(context: AwsContext, outputs: StackOutputs): string {
  return `aws secretsmanager get-secret-value --secret-id ${outputs.secret} --region ${context.region} --query SecretString --output text`;
}

export function printSummary(context: AwsContext, outputs: StackOutputs): void {
  const read = readTokenCommand(context, outputs);
  console.log(`
API:         ${outputs.url}
Read token:  ${read}
Try it:      curl -H "Authorization: Token $(${read})" ${outputs.url}
Change it:   npm run set-token -- <new token>
Remove all:  npm run destroy`);
}
