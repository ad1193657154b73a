import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outputKeys, stackName } from '../../lib/settings.ts';
import type { AwsContext } from './aws-context.ts';
import { awsJson, capture, CommandError, run, UsageError } from './commands.ts';

export type StackOutputs = Record<keyof typeof outputKeys, string>;

/**
 * The outputs the stack has, or undefined when it is not in this account and region. A stack
 * whose first deploy failed (ROLLBACK_COMPLETE) exists with none.
 */
export function findStackOutputs({ region }: AwsContext): Partial<StackOutputs> | undefined {
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
  const outputs: Partial<StackOutputs> = {};
  for (const [name, key] of Object.entries(outputKeys) as [keyof StackOutputs, string][]) {
    const value = values.get(key);
    if (value) outputs[name] = value;
  }
  return outputs;
}

/** Every output of the deployed stack, or a message that says to deploy (again). */
export function stackOutputs(context: AwsContext): StackOutputs {
  const outputs = findStackOutputs(context);
  if (!outputs) {
    throw new UsageError(
      `The stack ${stackName} is not deployed in ${context.region}. Deploy it first with \`npm run deploy\`, or set AWS_REGION to the region you deployed to.`,
    );
  }
  const missing = (Object.keys(outputKeys) as (keyof StackOutputs)[]).find(
    (name) => !outputs[name],
  );
  if (missing) {
    throw new UsageError(
      `The stack ${stackName} has no output ${outputKeys[missing]} (a deploy that did not finish?); deploy it again with \`npm run deploy\`.`,
    );
  }
  return outputs as StackOutputs;
}

/**
 * The one token rule, the same as the app's (app/app.py, TOKEN_RULE): at least 16 printable
 * ASCII characters without spaces. Header bytes outside ASCII are read differently by clients
 * and servers, and a short token is a guessable one.
 */
export function checkToken(token: string): string {
  if (!/^[\x21-\x7e]{16,}$/.test(token)) {
    const nonAscii = [...token].some((char) => char > '\x7e');
    throw new UsageError(
      `The token must be at least 16 printable ASCII characters, without spaces (this one has ${[...token].length} characters${nonAscii ? ', some outside ASCII' : ''}). ` +
        'Or let `npm run set-token -- --generate` make one.',
    );
  }
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

/**
 * A call with the token that never puts it on a command line: the shell pipes it into curl's
 * headers (`-H @-` reads them from standard input, curl 7.55 or later), so it stays out of
 * the process list and of the line the shell history keeps.
 */
export function tryItCommand(context: AwsContext, outputs: StackOutputs): string {
  return `${readTokenCommand(context, outputs)} | sed 's/^/Authorization: Token /' | curl -sS -H @- ${outputs.url}`;
}

export function printSummary(context: AwsContext, outputs: StackOutputs, dnsRecord?: string): void {
  console.log(`
API:         ${outputs.url}
Read token:  ${readTokenCommand(context, outputs)}
Try it:      ${tryItCommand(context, outputs)}
Change it:   npm run set-token            (asks for it; or --generate)
Remove all:  npm run destroy`);
  if (dnsRecord) console.log(`\n${dnsRecord}`);
}
