import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { stackName } from '../../lib/settings.ts';
import { projectDir, UsageError } from './commands.ts';

export type Template = Record<string, unknown>;

/**
 * The stack's template with these settings, as `cdk synth` makes it, cdk-nag included, offline and
 * in this process: the app gets cdk.json's feature flags and the settings as its context, nothing
 * else (not cdk.context.json, so the handed-in template is the same on every machine). The CDK is
 * loaded here, on first use, so that a script that stops before it pays nothing for it.
 */
export async function synthTemplate(settings: Record<string, string> = {}): Promise<Template> {
  const flags = (
    JSON.parse(readFileSync(join(projectDir, 'cdk.json'), 'utf8')) as {
      context: Record<string, unknown>;
    }
  ).context;
  const outdir = mkdtempSync(join(tmpdir(), 'api-synth-'));
  try {
    const { apiApp } = await import('../../lib/app.ts');
    try {
      apiApp({ outdir, context: { ...flags, ...settings } }).synth();
    } catch (error) {
      throw new UsageError(`The stack did not synthesize:\n${(error as Error).message}`);
    }
    return JSON.parse(readFileSync(join(outdir, `${stackName}.template.json`), 'utf8')) as Template;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** template.yaml's header: what the file is, and the one way to remake it. */
const header = `# The Flask token API (DevOps Part 1) as one CloudFormation template: no CDK bootstrap, no
# asset bucket, nothing to build. CloudFormation console: Create stack > With new resources >
# Upload a template file; or aws cloudformation deploy --template-file template.yaml
#   --stack-name FlaskTokenApi --capabilities CAPABILITY_IAM
# Generated from the CDK app (bin/app.ts, lib/) by \`npm run template\`: edit those, not this.
`;

/** The template as the YAML handed in: readable, with the inline code as literal blocks. */
export function templateYaml(template: Template): string {
  return (
    header +
    stringify(template, { lineWidth: 0, blockQuote: 'literal', aliasDuplicateObjects: false })
  );
}
