import { App, BootstraplessSynthesizer, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiStack } from './api-stack.ts';
import { apiOptions, stackName } from './settings.ts';

/**
 * The CDK app: the stack, with the settings its context holds, and cdk-nag's AWS Solutions rules,
 * whose every finding stops the synth unless the stack acknowledges it with a reason. `cdk` runs
 * it through bin/app.ts; `npm run deploy` and `npm run template` synthesize it in their own process
 * (scripts/lib/synth.ts).
 */
export function apiApp(props: AppProps = {}): App {
  // No construct paths or CDK version in the template: it is handed in, and read, as it is.
  const app = new App({
    ...props,
    analyticsReporting: false,
    postCliContext: { ...props.postCliContext, 'aws:cdk:enable-path-metadata': false },
  });
  const options = apiOptions((key) => app.node.tryGetContext(key));
  new ApiStack(app, stackName, {
    description: 'The challenge’s Flask API, with its token in Secrets Manager (DevOps Part 1).',
    options,
    // Built in the account, the image needs no asset: the template deploys without a CDK
    // bootstrap, from the console as well. This synthesizer refuses any asset, so none slips in.
    ...(options.imageBuild === 'codebuild' ? { synthesizer: new BootstraplessSynthesizer() } : {}),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}
