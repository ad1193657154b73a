import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CodeBuildClient } from '@aws-sdk/client-codebuild';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { IAMClient } from '@aws-sdk/client-iam';
import { Route53Client } from '@aws-sdk/client-route-53';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
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
  const config = { region };
  return {
    account: account ?? '',
    region,
    aws: {
      cloudFormation: new CloudFormationClient(config),
      codeBuild: new CodeBuildClient(config),
      ec2: new EC2Client(config),
      ecr: new ECRClient(config),
      ecs: new ECSClient(config),
      iam: new IAMClient(config),
      logs: new CloudWatchLogsClient(config),
      route53: new Route53Client(config),
      secrets: new SecretsManagerClient(config),
    },
  };
}

/** An AWS error's name, for the few a script expects and handles. */
export function errorName(error: unknown): string {
  return (error as { name?: string } | undefined)?.name ?? '';
}
