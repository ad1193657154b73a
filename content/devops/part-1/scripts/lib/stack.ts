import {
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStackResourceCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
  type Parameter,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { BatchGetBuildsCommand, ListBuildsForProjectCommand } from '@aws-sdk/client-codebuild';
import { UpdateServiceCommand, waitUntilServicesStable } from '@aws-sdk/client-ecs';
import { PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { outputKeys, stackName } from '../../lib/settings.ts';
import { errorName, type AwsContext } from './aws-context.ts';
import { UsageError } from './commands.ts';
import type { Template } from './synth.ts';

export type StackOutputs = Record<keyof typeof outputKeys, string>;

/** Wait between two looks at the stack; tests make it 0. */
export const polling = { intervalMs: 5000 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function describeStack({ aws }: AwsContext) {
  try {
    const { Stacks } = await aws.cloudFormation.send(
      new DescribeStacksCommand({ StackName: stackName }),
    );
    return Stacks?.[0];
  } catch (error) {
    if (/does not exist/.test((error as Error).message)) return undefined;
    throw error;
  }
}

/**
 * The outputs the stack has, or undefined when it is not in this account and region. A stack
 * whose first deploy failed (ROLLBACK_COMPLETE) exists with none.
 */
export async function findStackOutputs(
  context: AwsContext,
): Promise<Partial<StackOutputs> | undefined> {
  const stack = await describeStack(context);
  if (!stack) return undefined;
  const values = new Map((stack.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
  const outputs: Partial<StackOutputs> = {};
  for (const [name, key] of Object.entries(outputKeys) as [keyof StackOutputs, string][]) {
    const value = values.get(key);
    if (value) outputs[name] = value;
  }
  return outputs;
}

/** Every output of the deployed stack, or a message that says to deploy (again). */
export async function stackOutputs(context: AwsContext): Promise<StackOutputs> {
  const outputs = await findStackOutputs(context);
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
 * Follows the stack until it settles: prints each new event, and while the image builds, the
 * CodeBuild log's new lines. Returns the final status.
 */
async function follow(context: AwsContext, since: Date, done: RegExp): Promise<string> {
  const seen = new Set<string>();
  const build = { logs: undefined as { group: string; stream: string } | undefined, token: '' };
  for (;;) {
    const stack = await describeStack(context);
    const status = stack?.StackStatus ?? 'DELETE_COMPLETE';
    const { StackEvents: events = [] } = stack
      ? await context.aws.cloudFormation.send(
          new DescribeStackEventsCommand({ StackName: stack.StackId }),
        )
      : {};
    const fresh = events
      .filter((e) => e.EventId && !seen.has(e.EventId) && (e.Timestamp ?? since) >= since)
      .reverse();
    for (const event of fresh) {
      seen.add(event.EventId!);
      console.log(describeEvent(event));
    }
    if (
      events.some(
        (e) =>
          e.LogicalResourceId === 'ImageBuildRun' && /IN_PROGRESS/.test(e.ResourceStatus ?? ''),
      )
    ) {
      await printBuildLog(context, build);
    }
    if (done.test(status)) return status;
    await sleep(polling.intervalMs);
  }
}

function describeEvent(event: StackEvent): string {
  const time = event.Timestamp?.toISOString().slice(11, 19) ?? '';
  const reason = event.ResourceStatusReason ? `  ${event.ResourceStatusReason}` : '';
  return `${time}  ${(event.ResourceStatus ?? '').padEnd(20)} ${event.ResourceType ?? ''} ${event.LogicalResourceId ?? ''}${reason}`;
}

/** New lines of the running image build's log, as `build │ …`. */
async function printBuildLog(
  { aws }: AwsContext,
  build: { logs: { group: string; stream: string } | undefined; token: string },
): Promise<void> {
  try {
    if (!build.logs) {
      const { ids } = await aws.codeBuild.send(
        new ListBuildsForProjectCommand({
          projectName: await projectName({ aws } as AwsContext),
          sortOrder: 'DESCENDING',
        }),
      );
      if (!ids?.[0]) return;
      const { builds } = await aws.codeBuild.send(new BatchGetBuildsCommand({ ids: [ids[0]] }));
      const group = builds?.[0]?.logs?.groupName;
      const stream = builds?.[0]?.logs?.streamName;
      if (!group || !stream) return;
      build.logs = { group, stream };
    }
    const page = await aws.logs.send(
      new GetLogEventsCommand({
        logGroupName: build.logs.group,
        logStreamName: build.logs.stream,
        startFromHead: true,
        ...(build.token ? { nextToken: build.token } : {}),
      }),
    );
    for (const event of page.events ?? []) {
      for (const line of (event.message ?? '').trimEnd().split('\n'))
        console.log(`  build │ ${line}`);
    }
    if (page.nextForwardToken) build.token = page.nextForwardToken;
  } catch (error) {
    // The log is a courtesy: the stack's events say whether the build worked.
    if (process.env.DEBUG) console.warn(`(build log: ${(error as Error).message})`);
  }
}

/** The CodeBuild project's name: the physical ID of the stack's one CodeBuild project. */
async function projectName({ aws }: AwsContext): Promise<string> {
  const { StackResourceDetail } = await aws.cloudFormation.send(
    new DescribeStackResourceCommand({
      StackName: stackName,
      LogicalResourceId: imageBuildProjectId,
    }),
  );
  return StackResourceDetail?.PhysicalResourceId ?? '';
}

/** The CodeBuild project's logical ID in the template (the CDK adds a hash to `ImageBuild`). */
let imageBuildProjectId = 'ImageBuild';

/**
 * Creates the stack from the template, or updates it, through CloudFormation itself (no CDK
 * bootstrap, no bucket: the template is sent in the request), showing its progress.
 */
export async function deployTemplate(
  context: AwsContext,
  template: Template,
  parameters: Record<string, string>,
): Promise<void> {
  const body = JSON.stringify(template);
  const project = Object.entries(template.Resources as Record<string, { Type: string }>).find(
    ([, r]) => r.Type === 'AWS::CodeBuild::Project',
  );
  if (project) imageBuildProjectId = project[0];
  const Parameters: Parameter[] = Object.entries(parameters).map(
    ([ParameterKey, ParameterValue]) => ({
      ParameterKey,
      ParameterValue,
    }),
  );
  const request = {
    StackName: stackName,
    TemplateBody: body,
    Parameters,
    Capabilities: ['CAPABILITY_IAM' as const],
  };
  let existing = await describeStack(context);
  if (existing?.StackStatus === 'ROLLBACK_COMPLETE') {
    console.log(
      `${stackName}'s first deploy failed and left it empty: deleting it before deploying again.`,
    );
    await context.aws.cloudFormation.send(new DeleteStackCommand({ StackName: stackName }));
    await follow(context, new Date(), /_COMPLETE$|_FAILED$/);
    existing = undefined;
  }
  const since = new Date(Date.now() - 1000);
  if (existing) {
    try {
      await context.aws.cloudFormation.send(new UpdateStackCommand(request));
    } catch (error) {
      if (/No updates are to be performed/.test((error as Error).message)) {
        console.log('The stack is already up to date.');
        return;
      }
      throw error;
    }
  } else {
    await context.aws.cloudFormation.send(
      new CreateStackCommand({ ...request, OnFailure: 'ROLLBACK' }),
    );
  }
  const status = await follow(context, since, /(_COMPLETE|_FAILED)$/);
  if (status !== 'CREATE_COMPLETE' && status !== 'UPDATE_COMPLETE') {
    throw new UsageError(
      `The deploy ended in ${status}: the first FAILED line above says why. Fix it, then run \`npm run deploy\` again.`,
    );
  }
}

/** Deletes the stack and follows it until it is gone. */
export async function deleteStack(context: AwsContext): Promise<void> {
  const since = new Date(Date.now() - 1000);
  await context.aws.cloudFormation.send(new DeleteStackCommand({ StackName: stackName }));
  const status = await follow(context, since, /(DELETE_COMPLETE|DELETE_FAILED)$/);
  if (status === 'DELETE_FAILED') {
    throw new UsageError(
      `The deletion stopped (DELETE_FAILED). If it stopped at the VPC or its subnets, CloudFront may not have removed its VPC origin's network interfaces and the CloudFront-VPCOrigins-Service-SG group yet: wait a few minutes, then run \`npm run destroy\` again.`,
    );
  }
}

/**
 * Puts the new token in Secrets Manager and rolls the service: ECS reads secrets only when a task
 * starts. The value goes to AWS in the request body, never on a command line.
 */
export async function setToken(
  context: AwsContext,
  outputs: StackOutputs,
  token: string,
): Promise<void> {
  const { aws } = context;
  await aws.secrets.send(
    new PutSecretValueCommand({ SecretId: outputs.secret, SecretString: token }),
  );
  console.log('Token stored in Secrets Manager. Restarting the tasks so they read it…');
  await aws.ecs.send(
    new UpdateServiceCommand({
      cluster: outputs.cluster,
      service: outputs.service,
      forceNewDeployment: true,
    }),
  );
  try {
    await waitUntilServicesStable(
      { client: aws.ecs as never, maxWaitTime: 1200, minDelay: polling.intervalMs / 1000 || 1 },
      { cluster: outputs.cluster, services: [outputs.service] },
    );
  } catch (error) {
    if (errorName(error) !== 'TimeoutError') throw error;
    throw new UsageError(
      'The service did not become stable within 20 minutes: see its events in the ECS console.',
    );
  }
}

/** The command that prints the current token (AWS CLI), for the summary. */
export function readTokenCommand(context: AwsContext, outputs: StackOutputs): string {
  return `aws secretsmanager get-secret-value --secret-id ${outputs.secret} --region ${context.region} --query SecretString --output text`;
}

/** The secret in the Secrets Manager console, where "Retrieve secret value" shows the token. */
export function tokenConsoleUrl(context: AwsContext, outputs: StackOutputs): string {
  const name = outputs.secret.split(':secret:')[1] ?? outputs.secret;
  return `https://${context.region}.console.aws.amazon.com/secretsmanager/secret?name=${encodeURIComponent(name)}&region=${context.region}`;
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
Token:       ${tokenConsoleUrl(context, outputs)}
             ("Retrieve secret value"), or with the AWS CLI:
             ${readTokenCommand(context, outputs)}
Try it:      ${tryItCommand(context, outputs)}
Change it:   npm run set-token            (asks for it; or --generate)
Remove all:  npm run destroy`);
  if (dnsRecord) console.log(`\n${dnsRecord}`);
}
