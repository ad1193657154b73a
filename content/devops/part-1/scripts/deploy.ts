// npm run deploy [-- -c key=value …]: deploys the stack with Node and AWS credentials only. By
// default the template goes straight to CloudFormation and CodeBuild builds the image in your
// account: no Docker, no AWS CLI, no CDK bootstrap. `-c imageBuild=local` builds it with Docker
// here and deploys with the CDK CLI instead. Settings given with -c are kept in cdk.context.json
// and apply to every later deploy until changed.
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeAvailabilityZonesCommand } from '@aws-sdk/client-ec2';
import { CreateServiceLinkedRoleCommand } from '@aws-sdk/client-iam';
import { ListHostedZonesCommand, type HostedZone } from '@aws-sdk/client-route-53';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { apiOptions, stackName } from '../lib/settings.ts';
import { awsContext, type AwsContext } from './lib/aws-context.ts';
import { capture, CommandError, main, run, UsageError } from './lib/commands.ts';
import {
  describeSettings,
  mergeSettings,
  parseChoices,
  saveSettings,
  settingsFile,
} from './lib/saved-settings.ts';
import { deployTemplate, printSummary, stackOutputs, type StackOutputs } from './lib/stack.ts';
import { synthTemplate } from './lib/synth.ts';

/** The zone choice the template's own custom resource makes, run here first to refuse early. */
const { pickZones } = createRequire(import.meta.url)('../lib/custom-resources/index.cjs') as {
  pickZones: (zones: unknown[], asked?: string) => { ZoneName: string; ZoneId: string }[];
};

const usage = `usage: npm run deploy -- [-c key=value …]
  -c imageBuild=local               build the image with Docker here (default codebuild: in AWS)
  -c desiredCount=2                 tasks running at least (1 to 10; default 1)
  -c maxTasks=5                     tasks auto scaling may add up to (default 3)
  -c availabilityZones=euw1-az1,euw1-az2   the two zones (default: the first two that work)
  -c natGateway=true                tasks in private subnets behind a NAT gateway (default false)
  -c domainName=api.example.com     your own name for the API, with
  -c certificateArn=arn:aws:acm:us-east-1:…   an ACM certificate in us-east-1 that covers it
  -c hostedZoneId=Z…                its Route 53 zone (found by itself when it is in this account)
  -c key=                           back to the default
Settings are kept in cdk.context.json: a later plain \`npm run deploy\` keeps them.`;

/**
 * ECS needs its service-linked role, and CloudFormation does not always wait for ECS to make it
 * on an account's first service ("Unable to assume the service linked role"): make it first.
 */
async function ensureEcsServiceLinkedRole({ aws }: AwsContext): Promise<void> {
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
async function findHostedZone({ aws }: AwsContext, domain: string): Promise<string | undefined> {
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
async function checkZones({ aws, region }: AwsContext, asked: string | undefined): Promise<string> {
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

async function ensureBootstrapped({ aws, account, region }: AwsContext): Promise<void> {
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

/** What to add at the DNS provider when the stack could not create the record itself. */
function dnsInstruction(
  settings: Record<string, string>,
  outputs: StackOutputs,
): string | undefined {
  if (!settings.domainName || settings.hostedZoneId) return undefined;
  return `Your domain is not in a Route 53 zone of this account, so add this record where its DNS is:
  ${settings.domainName}.  CNAME  ${outputs.distributionDomain}
(At a zone's apex, such as example.com itself, a CNAME is not allowed: use your provider's ALIAS
or ANAME record to the same name.) Once it resolves, call https://${settings.domainName}/ ;
until then the API address above works.`;
}

await main(async () => {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        context: { type: 'string', short: 'c', multiple: true, default: [] },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`);
  }
  if (values.help) {
    console.log(usage);
    return;
  }
  const choices = parseChoices(values.context, usage);
  // A new name needs its own zone: the one found for the old name no longer applies.
  if (choices.has('domainName') && !choices.has('hostedZoneId')) choices.set('hostedZoneId', '');
  let settings = mergeSettings(choices);
  const local = apiOptions((key) => settings[key]).imageBuild === 'local';

  if (local) {
    try {
      capture('docker', ['info', '--format', '{{.ServerVersion}}']);
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      throw new UsageError(
        'Docker is installed but not running: start it, then try again (or leave out -c imageBuild=local to build the image in AWS).',
      );
    }
  }
  const context = await awsContext();
  if (settings.domainName && !settings.hostedZoneId) {
    const zone = await findHostedZone(context, settings.domainName);
    if (zone) settings = mergeSettings(new Map([...choices, ['hostedZoneId', zone]]));
  }
  const zones = await checkZones(context, settings.availabilityZones);
  saveSettings(settings);
  console.log(`Deploying ${stackName} to account ${context.account}, region ${context.region}, zones ${zones}, with
${describeSettings(settings)}
(kept in ${settingsFile}; change one with -c key=value)`);

  await ensureEcsServiceLinkedRole(context);
  console.log(
    'A first deploy typically takes 10 to 20 minutes: about 3 for the image build, most of the rest CloudFront’s.',
  );
  if (local) {
    await ensureBootstrapped(context);
    run('cdk', ['deploy', stackName, '--require-approval', 'never']);
  } else {
    const template = synthTemplate(settings);
    await deployTemplate(context, template, {
      AvailabilityZones: settings.availabilityZones ?? '',
    });
  }
  const outputs = await stackOutputs(context);
  console.log(
    '\nThe token: Secrets Manager generated it at the first deploy, and later deploys keep it.',
  );
  printSummary(context, outputs, dnsInstruction(settings, outputs));
});
