// npm run nist: synthesizes the stack (offline), then runs cdk-nag's NIST 800-53 rev. 5 pack on
// the template and compares what it reports with the findings the README explains
// (scripts/lib/nist.ts). Anything new, or anything listed that is gone, fails.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stackName } from '../lib/settings.ts';
import { main, projectDir, UsageError } from './lib/commands.ts';
import { acceptedNistFindings, nistDifferences, nistFindings } from './lib/nist.ts';

await main(() => {
  // The cloud assembly `cdk synth` wrote: cdk.out unless another folder is given.
  const { positionals } = parseArgs({ allowPositionals: true });
  const assembly = positionals[0] ?? join(projectDir, 'cdk.out');
  const template = join(assembly, `${stackName}.template.json`);
  if (!existsSync(template)) {
    throw new UsageError(`${template} is missing: run \`npm run synth\` first.`);
  }
  const found = nistFindings(template);
  const differences = nistDifferences(found);
  if (differences.length > 0) {
    throw new UsageError(
      `cdk-nag's NIST 800-53 rev. 5 findings differ from the list in scripts/lib/nist.ts:\n  ${differences.join('\n  ')}\nFix the stack, or explain the finding in the README and add it to the list.`,
    );
  }
  const count = Object.values(acceptedNistFindings).flat().length;
  console.log(
    `NIST 800-53 rev. 5: ${Object.keys(found).length} rules report ${count} findings, each one listed and explained in the README.`,
  );
});
