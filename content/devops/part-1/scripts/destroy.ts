// npm run destroy: deletes the stack, then what CloudFormation leaves behind: the secret
// (deleted at once, without the recovery window) and the app's image in the CDK asset repository.
import { stackName } from '../lib/settings.ts';
import { awsContext } from './lib/aws-context.ts';
import { capture, CommandError, main, run } from './lib/commands.ts';
import { findStackOutputs } from './lib/stack.ts';

/** Runs an AWS CLI clean-up call, taking "already gone" as success. */
function cleanUp(args: string[]): void {
  try {
    capture('aws', [...args, '--output', 'json']);
  } catch (error) {
    if (error instanceof CommandError && /NotFound/.test(error.stderr)) return;
    throw error;
  }
}

await main(() => {
  const context = awsContext();
  const outputs = findStackOutputs(context);
  if (!outputs) {
    console.log(`Nothing to destroy: the stack ${stackName} is not in ${context.region}.`);
    return;
  }
  run('cdk', ['destroy', stackName, '--force']);
  cleanUp([
    'secretsmanager',
    'delete-secret',
    '--secret-id',
    outputs.secret,
    '--force-delete-without-recovery',
    '--region',
    context.region,
  ]);
  cleanUp([
    'ecr',
    'batch-delete-image',
    '--repository-name',
    outputs.imageRepository,
    '--image-ids',
    `imageTag=${outputs.imageTag}`,
    '--region',
    context.region,
  ]);
  console.log(`
${stackName} is gone, with its secret and its image.
Left in the account: the CDK bootstrap stack (CDKToolkit), shared by every CDK app in
${context.region}. If you bootstrapped only for this, delete it with
  aws cloudformation delete-stack --stack-name CDKToolkit --region ${context.region}
after emptying its bucket and repository.`);
});
