// npm run destroy: deletes the stack, then the one thing of this app CloudFormation leaves
// behind: its image in the CDK's shared asset repository. The secret needs no extra step:
// CloudFormation deletes a stack's secret at once, without a recovery window.
import { stackName } from '../lib/settings.ts';
import { awsContext } from './lib/aws-context.ts';
import { capture, CommandError, main, run } from './lib/commands.ts';
import { findStackOutputs } from './lib/stack.ts';

await main(() => {
  const context = awsContext();
  const outputs = findStackOutputs(context);
  if (!outputs) {
    console.log(`Nothing to destroy: the stack ${stackName} is not in ${context.region}.`);
    return;
  }
  run('cdk', ['destroy', stackName, '--force']);
  try {
    capture('aws', [
      'ecr',
      'batch-delete-image',
      '--repository-name',
      outputs.imageRepository,
      '--image-ids',
      `imageTag=${outputs.imageTag}`,
      '--region',
      context.region,
      '--output',
      'json',
    ]);
  } catch (error) {
    // The repository itself belongs to the CDK bootstrap stack and may already be gone.
    if (!(error instanceof CommandError && /NotFound/.test(error.stderr))) throw error;
  }
  console.log(`
${stackName} is gone: its network, CloudFront distribution, service, secret and log groups
with the stack, its image from the CDK's asset repository.
Left in the account: the CDK bootstrap stack (CDKToolkit), shared by every CDK app in
${context.region}, and the ECS service-linked role (AWSServiceRoleForECS), shared by every ECS
service. If you bootstrapped only for this, delete the stack with
  aws cloudformation delete-stack --stack-name CDKToolkit --region ${context.region}
after emptying its bucket and repository.`);
});
