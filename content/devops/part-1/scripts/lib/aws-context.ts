import { awsJson, capture, CommandError, UsageError } from './commands.ts';

export interface AwsContext {
  account: string;
  region: string;
}

/** The account and region the AWS CLI will act on, or a message that says how to set them. */
export function awsContext(): AwsContext {
  let account: string;
  try {
    ({ Account: account } = awsJson<{ Account: string }>(['sts', 'get-caller-identity']));
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    throw new UsageError(
      `The AWS CLI has no working credentials (${error.stderr.trim() || 'sts get-caller-identity failed'}). ` +
        'Run `aws configure` (or `aws sso login`), or set AWS_PROFILE, then try again.',
    );
  }
  const region = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || configuredRegion();
  if (!region) {
    throw new UsageError(
      'No AWS region is set. Run `aws configure set region eu-west-1` or `export AWS_REGION=eu-west-1` (a region with CloudFront VPC origins: see the README), then try again.',
    );
  }
  return { account, region };
}

function configuredRegion(): string {
  try {
    return capture('aws', ['configure', 'get', 'region']).trim();
  } catch (error) {
    // `aws configure get` exits 1 when the value is not set.
    if (error instanceof CommandError) return '';
    throw error;
  }
}
