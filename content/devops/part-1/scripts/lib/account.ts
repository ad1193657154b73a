// What `npm run deploy` asks of the account before it deploys: the zones, the domain's hosted zone,
// ECS's service-linked role and, for -c imageBuild=local, the CDK bootstrap. It loads the AWS SDK,
// so deploy imports it only once its offline checks have passed.
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeAvailabilityZonesCommand } from '@aws-sdk/client-ec2';
import { CreateServiceLinkedRoleCommand } from '@aws-sdk/client-iam';
import { ListHostedZonesCommand, type HostedZone } from '@aws-sdk/client-route-53';
import { createRequire } from 'node:module';
import type { AwsContext } from './aws-context.ts';
import { run, UsageError } from './commands.ts';

/** The zone choice the template's own custom resource makes, run here first to refuse early. */
const { pickZones } = createRequire(import.meta.url)('../../lib/custom-resources/index.cjs') as {
  pickZones: (zones: unknown[], asked?: string) => { ZoneName: string; ZoneId: string }[];
};

/**
 * ECS needs its service-linked role, and CloudFormation does not always wait for ECS to make it
 * on an account's first service ("Unable to assume the service linked role"): make it first.
 */
export async function ensureEcsServiceLinkedRole({ aws }: AwsContext): Promise<void> {
  try {
    await aws.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'ecs.amazonaws.com' }));
    console.log(
      'Created the ECS service-linked role (AWSServiceRoleForECS): this account had none.',
    );
  } catch (error) {
    if (/has been taken/.test((error as Error).message)) return;
    console.warn(
      `! Could not create the ECS service-linked role (${(error as Error).message}). If the deploy fails with "Unable to assume the service linked role", ask an administrator to create it (IAM > Roles > Create role > AWS service > Elastic Container Service).`,
    );
  }
}

/** The public Route 53 zone in this account that holds `domain`, the most specific one. */
export async function findHostedZone(
  { aws }: AwsContext,
  domain: string,
): Promise<string | undefined> {
  let zones: HostedZone[];
  try {
    ({ HostedZones: zones = [] } = await aws.route53.send(new ListHostedZonesCommand({})));
  } catch (error) {
    console.warn(`! Could not list the Route 53 zones (${(error as Error).message}).`);
    return undefined;
  }
  const name = `${domain}.`;
  const zone = zones
    .filter((z) => !z.Config?.PrivateZone && (name === z.Name || name.endsWith(`.${z.Name}`)))
    .sort((a, b) => (b.Name?.length ?? 0) - (a.Name?.length ?? 0))[0];
  return zone?.Id?.replace(/^\/hostedzone\//, '');
}

/** The two zones the stack will use, or the refusal the stack itself would give, before deploying. */
export async function checkZones(
  { aws, region }: AwsContext,
  asked: string | undefined,
): Promise<string> {
  const { AvailabilityZones = [] } = await aws.ec2.send(
    new DescribeAvailabilityZonesCommand({
      Filters: [{ Name: 'zone-type', Values: ['availability-zone'] }],
    }),
  );
  try {
    return pickZones(AvailabilityZones, asked)
      .map((z) => `${z.ZoneName} (${z.ZoneId})`)
      .join(', ');
  } catch (error) {
    throw new UsageError(`${region}: ${(error as Error).message}`);
  }
}

export async function ensureBootstrapped({ aws, account, region }: AwsContext): Promise<void> {
  try {
    await aws.cloudFormation.send(new DescribeStacksCommand({ StackName: 'CDKToolkit' }));
  } catch (error) {
    if (!/does not exist/.test((error as Error).message)) throw error;
    console.log(
      'This account and region are not bootstrapped for the CDK yet: bootstrapping (once).',
    );
    run('cdk', ['bootstrap', `aws://${account}/${region}`]);
  }
}
