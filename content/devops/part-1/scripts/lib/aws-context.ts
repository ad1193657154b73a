import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { CodeBuildClient } from '@aws-sdk/client-codebuild';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ECRClient } from '@aws-sdk/client-ecr';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { Route53Client } from '@aws-sdk/client-route-53';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { UsageError } from './commands.ts';

/** What the scripts call AWS with: one client per service, all for one account and region. */
export interface AwsClients {
  cloudFormation: Pick<CloudFormationClient, 'send'>;
  codeBuild: Pick<CodeBuildClient, 'send'>;
  ec2: Pick<EC2Client, 'send'>;
  ecr: Pick<ECRClient, 'send'>;
  ecs: Pick<ECSClient, 'send'>;
  iam: Pick<IAMClient, 'send'>;
  logs: Pick<CloudWatchLogsClient, 'send'>;
  route53: Pick<Route53Client, 'send'>;
  secrets: Pick<SecretsManagerClient, 'send'>;
}

export interface AwsContext {
  account: string;
  region: string;
  aws: AwsClients;
}

const setupHint =
  'Set credentials the usual way (AWS_PROFILE with `aws configure` or `aws sso login` if you have the AWS CLI, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or ~/.aws/credentials), then try again.';

/**
 * The account and region the AWS SDK finds, from any standard source (environment, profile, SSO,
 * container or instance role), and the clients bound to them; no AWS CLI needed. This is the
 * scripts' first call to AWS.
 */
export async function awsContext(): Promise<AwsContext> {
  const sts = new STSClient({});
  let region: string;
  try {
    region = await sts.config.region();
  } catch {
    region = '';
  }
  if (!region) {
    throw new UsageError(
      'No AWS region is set. `export AWS_REGION=eu-west-1` (or a region in your profile), then try again.',
    );
  }
  let account: string | undefined;
  try {
    ({ Account: account } = await sts.send(new GetCallerIdentityCommand({})));
  } catch (error) {
    const { name, message } = error as Error;
    throw new UsageError(`AWS did not accept the credentials (${name}: ${message}). ${setupHint}`);
  }
  const client = <C extends { send: unknown }>(load: () => Promise<new (config: object) => C>) =>
    lazyClient(load, region);
  return {
    account: account ?? '',
    region,
    aws: {
      cloudFormation: client(
        async () => (await import('@aws-sdk/client-cloudformation')).CloudFormationClient,
      ),
      codeBuild: client(async () => (await import('@aws-sdk/client-codebuild')).CodeBuildClient),
      ec2: client(async () => (await import('@aws-sdk/client-ec2')).EC2Client),
      ecr: client(async () => (await import('@aws-sdk/client-ecr')).ECRClient),
      ecs: client(async () => (await import('@aws-sdk/client-ecs')).ECSClient),
      iam: client(async () => (await import('@aws-sdk/client-iam')).IAMClient),
      logs: client(
        async () => (await import('@aws-sdk/client-cloudwatch-logs')).CloudWatchLogsClient,
      ),
      route53: client(async () => (await import('@aws-sdk/client-route-53')).Route53Client),
      secrets: client(
        async () => (await import('@aws-sdk/client-secrets-manager')).SecretsManagerClient,
      ),
    },
  };
}

/**
 * A client made at its first call, its package loaded then: a script loads the SDK packages of
 * the services it calls, not all nine (EC2's alone takes most of a second to load).
 */
function lazyClient<C extends { send: unknown }>(
  load: () => Promise<new (config: object) => C>,
  region: string,
): Pick<C, 'send'> {
  let made: Promise<C> | undefined;
  const send = async (...args: unknown[]) => {
    made ??= load().then((Client) => new Client({ region }));
    return ((await made).send as (...args: unknown[]) => Promise<unknown>)(...args);
  };
  return { send } as Pick<C, 'send'>;
}

/** An AWS error's name, for the few a script expects and handles. */
export function errorName(error: unknown): string {
  return (error as { name?: string } | undefined)?.name ?? '';
}
