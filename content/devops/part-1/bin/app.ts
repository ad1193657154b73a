// The CDK app: `cdk synth`, `cdk deploy` (with -c imageBuild=local) and `npm run deploy` or
// `npm run template` (the default, the image built in the account) run this file (see cdk.json).
import { App, BootstraplessSynthesizer, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiStack } from '../lib/api-stack.ts';
import { apiOptions, stackName } from '../lib/settings.ts';

// No construct paths or CDK version in the template: it is handed in, and read, as it is.
const app = new App({
  analyticsReporting: false,
  postCliContext: { 'aws:cdk:enable-path-metadata': false },
});
const options = apiOptions((key) => app.node.tryGetContext(key));
new ApiStack(app, stackName, {
  description: 'The challenge’s Flask API, with its token in Secrets Manager (DevOps Part 1).',
  options,
  // Built in the account, the image needs no asset: the template deploys without a CDK bootstrap,
  // from the console as well. This synthesizer refuses any asset, so none can slip in.
  ...(options.imageBuild === 'codebuild' ? { synthesizer: new BootstraplessSynthesizer() } : {}),
});
// Every AWS Solutions finding stops the synth unless the stack acknowledges it with a reason.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
