// npm run deploy [-- --token <token>] [-c natGateway=true] [-c desiredCount=2] [-c certificateArn=…]
// Builds the image, deploys the stack (bootstrapping CDK first if this account and region need
// it), and sets the token when one is given; otherwise Secrets Manager generates one.
import { parseArgs } from 'node:util';
import { stackName } from '../lib/settings.ts';
import { awsContext } from './lib/aws-context.ts';
import { awsJson, capture, CommandError, main, run, UsageError } from './lib/commands.ts';
import { checkToken, printSummary, setToken, stackOutputs } from './lib/stack.ts';

const usage = `usage: npm run deploy -- [--token <token>] [-c natGateway=true] [-c desiredCount=2] [-c certificateArn=<ACM ARN>]
The token may also come from the environment variable APP_SECRET_TOKEN.`;

await main(() => {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        token: { type: 'string' },
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
  const token = values.token ?? process.env.APP_SECRET_TOKEN;
  if (token !== undefined) checkToken(token);
  for (const pair of values.context) {
    if (!/^[\w-]+=.+$/.test(pair))
      throw new UsageError(`-c takes key=value, not “${pair}”.\n${usage}`);
  }

  try {
    capture('docker', ['info', '--format', '{{.ServerVersion}}']);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    throw new UsageError(
      'Docker is installed but not running: start it, then try again. The image is built on this machine.',
    );
  }
  const context = awsContext();
  console.log(`Deploying ${stackName} to account ${context.account}, region ${context.region}.`);

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

  run('cdk', [
    'deploy',
    stackName,
    '--require-approval',
    'never',
    ...values.context.flatMap((pair) => ['--context', pair]),
  ]);
  const outputs = stackOutputs(context);
  if (token === undefined) {
    console.log(
      '\nNo token given: Secrets Manager generated one (read it with the command below).',
    );
  } else {
    setToken(context, outputs, token);
  }
  printSummary(context, outputs);
});
