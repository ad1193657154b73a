// npm run template: writes template.yaml, the stack with its default settings as one
// CloudFormation template for the console route (see the README). The tests check that the file
// matches a fresh synth, so a change to the CDK app that is not carried into it fails them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main, projectDir } from './lib/commands.ts';
import { synthTemplate, templateYaml } from './lib/synth.ts';

await main(async () => {
  const file = join(projectDir, 'template.yaml');
  writeFileSync(file, templateYaml(await synthTemplate()));
  console.log(`Wrote ${file}.`);
});
