// npm run destroy: deletes the stack whenever it exists, a failed first deploy's too, then the
// one thing of this app CloudFormation leaves behind: its image in the CDK's shared asset
// repository. The secret needs no extra step: CloudFormation deletes a stack's secret at once,
// without a recovery window. Left in the account: see the message at the end.
import { stackName } from '../lib/settings.ts';
import { awsContext, type AwsContext } from './lib/aws-context.ts';
import { capture, CommandError, main, run, UsageError } from './lib/commands.ts';
import { findStackOutputs, type StackOutputs } from './lib/stack.ts';

/** Removes the app's image from the CDK's asset repository; says so when it cannot know which. */
function deleteImage(context: AwsContext, outputs: Partial<StackOutputs>): void {
  if (!outputs.imageRepository || !outputs.imageTag) {
    console.log(`
The stack had no image outputs (its first deploy did not finish), so no image was removed: an
image the deploy pushed stays in the repository cdk-hnb659fds-container-assets-${context.account}-${context.region}.`);
    return;
  }
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
}

await main(() => {
  const context = awsContext();
  const outputs = findStackOutputs(context);
  if (!outputs) {
    console.log(`Nothing to destroy: the stack ${stackName} is not in ${context.region}.`);
    return;
  }
  console.log(
    `Deleting ${stackName} from ${context.region}: typically 10 to 20 minutes, most of it CloudFront's.`,
  );
  try {
    run('cdk', ['destroy', stackName, '--force']);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    throw new UsageError(
      `${error.message}\nIf the deletion stopped at the VPC or its subnets, CloudFront may not have removed its VPC origin's network interfaces and the CloudFront-VPCOrigins-Service-SG group yet: wait a few minutes, then run \`npm run destroy\` again.`,
    );
  }
  deleteImage(context, outputs);
  console.log(`
${stackName} is gone: its network, CloudFront distribution and VPC origin, load balancer,
service, secret and log groups with the stack, and its image from the CDK's asset repository.
Left in the account, costing nothing or cents:
- the CDK bootstrap stack (CDKToolkit), shared by every CDK app in ${context.region}: its bucket
  keeps this app's templates and custom-resource code, its repository other apps' images;
- the service-linked roles AWSServiceRoleForECS, AWSServiceRoleForElasticLoadBalancing and
  AWSServiceRoleForCloudFrontVPCOrigin, which AWS made for the first service, load balancer
  and VPC origin of the account.
If you bootstrapped only for this, empty the bootstrap stack's bucket and repository, then
  aws cloudformation delete-stack --stack-name CDKToolkit --region ${context.region}`);
});
