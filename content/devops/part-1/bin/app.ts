// The CDK app: `cdk synth` and `cdk deploy` run this file (see cdk.json).
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiStack } from '../lib/api-stack.ts';
import { apiOptions, stackName } from '../lib/settings.ts';

const app = new App();
new ApiStack(app, stackName, {
  description: 'The challenge’s Flask API, with its token in Secrets Manager (DevOps Part 1).',
  options: apiOptions((key) => app.node.tryGetContext(key)),
});
// Every AWS Solutions finding stops the synth unless the stack acknowledges it with a reason.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
