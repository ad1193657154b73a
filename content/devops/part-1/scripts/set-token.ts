// npm run set-token [-- --generate]: stores a new token in Secrets Manager and restarts the
// service so every task uses it; waits until the service is stable. The token is typed at a
// hidden prompt or piped on standard input, never given on the command line.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { main, UsageError } from './lib/commands.ts';
import { checkToken, readNewToken } from './lib/token-input.ts';

const usage = `usage: npm run set-token                       type the new token at a hidden prompt
       printf %s "$TOKEN" | npm run set-token   or pipe it on standard input
       npm run set-token -- --generate          or let it make a random one, printed once`;

await main(async () => {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      allowPositionals: true,
      options: { generate: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`);
  }
  if (values.help) {
    console.log(usage);
    return;
  }
  if (positionals.length > 0) {
    throw new UsageError(
      `The token is not taken from the command line, where your shell history would keep it.\n${usage}`,
    );
  }
  const token = checkToken(
    values.generate ? randomBytes(32).toString('hex') : await readNewToken(),
  );
  // The AWS SDK loads only now, past the offline checks: a refusal above costs none of its load.
  const [{ awsContext }, { printSummary, setToken, stackOutputs }] = await Promise.all([
    import('./lib/aws-context.ts'),
    import('./lib/stack.ts'),
  ]);
  const context = await awsContext();
  const outputs = await stackOutputs(context);
  await setToken(context, outputs, token);
  console.log('The new token is live; the old one no longer works.');
  if (values.generate) console.log(`\nThe new token, shown this once: ${token}`);
  printSummary(context, outputs);
});
