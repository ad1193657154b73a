// npm run deploy [-- -c key=value …]: deploys the stack with Node and AWS credentials only. By
// default the template goes straight to CloudFormation and CodeBuild builds the image in your
// account: no Docker, no AWS CLI, no CDK bootstrap. `-c imageBuild=local` builds it with Docker
// here and deploys with the CDK CLI instead. Settings given with -c are kept in cdk.context.json
// and apply to every later deploy until changed.
import { parseArgs } from 'node:util';
import { apiOptions, stackName } from '../lib/settings.ts';
import { capture, CommandError, main, run, UsageError } from './lib/commands.ts';
import {
  describeSettings,
  mergeSettings,
  parseChoices,
  saveSettings,
  settingsFile,
} from './lib/saved-settings.ts';
import type { StackOutputs } from './lib/stack.ts';
import { synthTemplate } from './lib/synth.ts';

const usage = `usage: npm run deploy -- [-c key=value …]
  -c imageBuild=local               build the image with Docker here (default codebuild: in AWS)
  -c desiredCount=2                 tasks running at least (1 to 10; default 1)
  -c maxTasks=5                     tasks auto scaling may add up to (default 3)
  -c availabilityZones=euw1-az1,euw1-az2   the two zones (default: the first two that work)
  -c natGateway=true                tasks in private subnets behind a NAT gateway (default false)
  -c waf=true                       AWS WAF on CloudFront: a rate limit per client address
                                    (about $6 a month, plus $0.60 per million requests; default false)
  -c domainName=api.example.com     your own name for the API, with
  -c certificateArn=arn:aws:acm:us-east-1:…   an ACM certificate in us-east-1 that covers it
  -c hostedZoneId=Z…                its Route 53 zone (found by itself when it is in this account)
  -c key=                           back to the default
Settings are kept in cdk.context.json: a later plain \`npm run deploy\` keeps them.`;

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
  // The AWS SDK loads only now, past the offline checks (and the CDK at the synth): a refusal
  // above costs a fraction of a second instead of their load.
  const [{ awsContext }, account, stack] = await Promise.all([
    import('./lib/aws-context.ts'),
    import('./lib/account.ts'),
    import('./lib/stack.ts'),
  ]);
  const context = await awsContext();
  if (settings.domainName && !settings.hostedZoneId) {
    const zone = await account.findHostedZone(context, settings.domainName);
    if (zone) settings = mergeSettings(new Map([...choices, ['hostedZoneId', zone]]));
  }
  const zones = await account.checkZones(context, settings.availabilityZones);
  saveSettings(settings);
  console.log(`Deploying ${stackName} to account ${context.account}, region ${context.region}, zones ${zones}, with
${describeSettings(settings)}
(kept in ${settingsFile}; change one with -c key=value)`);

  await account.ensureEcsServiceLinkedRole(context);
  console.log(
    'A first deploy typically takes 15 to 25 minutes: about 3 for the image build, most of the rest CloudFront’s (its VPC origin alone can take 15).',
  );
  if (local) {
    await account.ensureBootstrapped(context);
    run('cdk', ['deploy', stackName, '--require-approval', 'never']);
  } else {
    const template = await synthTemplate(settings);
    await stack.deployTemplate(context, template, {
      AvailabilityZones: settings.availabilityZones ?? '',
      Waf: settings.waf ?? 'false',
    });
  }
  const outputs = await stack.stackOutputs(context);
  console.log(
    '\nThe token: Secrets Manager generated it at the first deploy, and later deploys keep it.',
  );
  stack.printSummary(context, outputs, dnsInstruction(settings, outputs));
});
