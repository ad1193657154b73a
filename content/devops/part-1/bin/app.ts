// The CDK app's entry point for the CDK CLI (cdk.json's "app"): `cdk synth`, and `cdk deploy` with
// -c imageBuild=local. The CLI hands it its context and output folder in the environment.
import { apiApp } from '../lib/app.ts';

apiApp().synth();
