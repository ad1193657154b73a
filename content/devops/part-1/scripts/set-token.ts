// npm run set-token [-- <new token>]: stores the token in Secrets Manager and restarts the
// service so every task uses it; waits until the service is stable. No token: generates one.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { awsContext } from './lib/aws-context.ts';
import { main, UsageError } from './lib/commands.ts';
import { checkToken, printSummary, setToken, stackOutputs } from './lib/stack.ts';

const usage = 'usage: npm run set-token -- [<new token>]   (no token: a random one is generated)';

await main(() => {
  let positionals;
  try {
    ({ positionals } = parseArgs({ allowPositionals: true, options: {} }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`);
  }
  if (positionals.length > 1)
    throw new UsageError(`Give one token, not ${positionals.length}.\n${usage}`);
  const token = checkToken(positionals[0] ?? randomBytes(32).toString('hex'));
  const context = awsContext();
  const outputs = stackOutputs(context);
  setToken(context, outputs, token);
  console.log('The new token is live; the old one no longer works.');
  printSummary(context, outputs);
});
