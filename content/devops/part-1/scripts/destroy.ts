// npm run destroy: deletes the stack whenever it exists, a failed first deploy's too, with
// Node and AWS credentials only. The stack's own image repository and secret go with it
// (CloudFormation empties the one and deletes the other at once, without a recovery window).
// With -c imageBuild=local, the image sits in the CDK's shared asset repository: it is removed
// after the stack. Left in the account: see the message at the end.
import { BatchDeleteImageCommand } from '@aws-sdk/client-ecr';
import { stackName } from '../lib/settings.ts';
import { awsContext, type AwsContext } from './lib/aws-context.ts';
import { main } from './lib/commands.ts';
import { deleteStack, findStackOutputs, type StackOutputs } from './lib/stack.ts';

const cdkAssets = (context: AwsContext) =>
  `cdk-hnb659fds-container-assets-${context.account}-${context.region}`;

/** Removes a -c imageBuild=local image from the CDK's asset repository. */
async function deleteLocalImage(
  context: AwsContext,
  outputs: Partial<StackOutputs>,
): Promise<void> {
  if (outputs.imageRepository !== cdkAssets(context)) return;
  if (!outputs.imageTag) return;
  try {
    await context.aws.ecr.send(
      new BatchDeleteImageCommand({
        repositoryName: outputs.imageRepository,
        imageIds: [{ imageTag: outputs.imageTag }],
      }),
    );
  } catch (error) {
    // The repository belongs to the CDK bootstrap stack and may already be gone.
    if (!/NotFound/.test((error as Error).name)) throw error;
  }
}

await main(async () => {
  const context = await awsContext();
  const outputs = await findStackOutputs(context);
  if (!outputs) {
    console.log(`Nothing to destroy: the stack ${stackName} is not in ${context.region}.`);
    return;
  }
  console.log(
    `Deleting ${stackName} from ${context.region}: typically 10 to 20 minutes, most of it CloudFront's.`,
  );
  await deleteStack(context);
  await deleteLocalImage(context, outputs);
  const local = outputs.imageRepository === cdkAssets(context);
  console.log(`
${stackName} is gone: its network, CloudFront distribution and VPC origin, load balancer,
service, image build project and image repository, secret, log groups, and the AWS WAF web ACL
it made in us-east-1 if it had one.
Left in the account, costing nothing:
- the service-linked roles AWSServiceRoleForECS, AWSServiceRoleForElasticLoadBalancing,
  AWSServiceRoleForApplicationAutoScaling_ECSService and AWSServiceRoleForCloudFrontVPCOrigin,
  which AWS made for the account's first service, load balancer, scaling policy and VPC origin.${
    local
      ? `
- the CDK bootstrap stack (CDKToolkit) that -c imageBuild=local needed, shared by every CDK app
  in ${context.region}. If you bootstrapped only for this, empty its bucket and repository
  (${cdkAssets(context)}), then delete the CDKToolkit stack in the CloudFormation console.`
      : ''
  }`);
});
