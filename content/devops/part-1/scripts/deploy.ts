// npm run deploy [-- -c key=value …]: builds the image and deploys the stack, after what a new
// account lacks (the CDK bootstrap, the ECS service-linked role). Settings given with -c are
// kept in cdk.context.json and apply to every later deploy until changed.
import { parseArgs } from 'node:util';
import { stackName } from '../lib/settings.ts';
import { awsContext, type AwsContext } from './lib/aws-context.ts';
import { awsJson, capture, CommandError, main, run, UsageError } from './lib/commands.ts';
import {
  describeSettings,
  mergeSettings,
  parseChoices,
  saveSettings,
  settingsFile,
} from './lib/saved-settings.ts';
import { printSummary, stackOutputs, type StackOutputs } from './lib/stack.ts';

const usage = `usage: npm run deploy -- [-c key=value …]
  -c desiredCount=2                 tasks running at once (1 to 10; default 1)
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
function ensureEcsServiceLinkedRole(): void {
  try {
    awsJson(['iam', 'create-service-linked-role', '--aws-service-name', 'ecs.amazonaws.com']);
    console.log(
      'Created the ECS service-linked role (AWSServiceRoleForECS): this account had none.',
    );
  } catch (error) {
    if (error instanceof CommandError && /has been taken/.test(error.stderr)) return;
    if (!(error instanceof CommandError)) throw error;
    console.warn(
      `! Could not create the ECS service-linked role (${error.stderr.trim()}). If the deploy fails with "Unable to assume the service linked role", ask an administrator to run:\n  aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com`,
    );
  }
}

/** The public Route 53 zone in this account that holds `domain`, the most specific one. */
function findHostedZone(domain: string): string | undefined {
  let zones: { Id: string; Name: string; Config?: { PrivateZone?: boolean } }[];
  try {
    ({ HostedZones: zones } = awsJson<{ HostedZones: typeof zones }>([
      'route53',
      'list-hosted-zones',
    ]));
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    console.warn(`! Could not list the Route 53 zones (${error.stderr.trim()}).`);
    return undefined;
  }
  const name = `${domain}.`;
  const zone = zones
    .filter((z) => !z.Config?.PrivateZone && (name === z.Name || name.endsWith(`.${z.Name}`)))
    .sort((a, b) => b.Name.length - a.Name.length)[0];
  return zone?.Id.replace(/^\/hostedzone\//, '');
}

function ensureBootstrapped(context: AwsContext): void {
  try {
    awsJson([
      'cloudformation',
      'describe-stacks',
      '--stack-name',
      'CDKToolkit',
      '--region',
      context.region,
    ]);
  } catch (error) {
    if (!(error instanceof CommandError && /does not exist/.test(error.stderr))) throw error;
    console.log(
      'This account and region are not bootstrapped for the CDK yet: bootstrapping (once).',
    );
    run('cdk', ['bootstrap', `aws://${context.account}/${context.region}`]);
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

await main(() => {
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

  try {
    capture('docker', ['info', '--format', '{{.ServerVersion}}']);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    throw new UsageError(
      'Docker is installed but not running: start it, then try again. The image is built on this machine.',
    );
  }
  const context = awsContext();
  if (settings.domainName && !settings.hostedZoneId) {
    const zone = findHostedZone(settings.domainName);
    if (zone) settings = mergeSettings(new Map([...choices, ['hostedZoneId', zone]]));
  }
  saveSettings(settings);
  console.log(`Deploying ${stackName} to account ${context.account}, region ${context.region}, with
${describeSettings(settings)}
(kept in ${settingsFile}; change one with -c key=value)`);

  ensureEcsServiceLinkedRole();
  ensureBootstrapped(context);
  console.log('A first deploy typically takes 10 to 20 minutes, most of it CloudFront’s.');
  run('cdk', ['deploy', stackName, '--require-approval', 'never']);
  const outputs = stackOutputs(context);
  console.log(
    '\nThe token: Secrets Manager generated it at the first deploy, and later deploys keep it. Read it with the command below.',
  );
  printSummary(context, outputs, dnsInstruction(settings, outputs));
});
