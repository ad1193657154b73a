import { UsageError } from './commands.ts';

/**
 * The one token rule, the same as the app's (app/app.py, TOKEN_RULE): at least 16 printable
 * ASCII characters without spaces. Header bytes outside ASCII are read differently by clients
 * and servers, and a short token is a guessable one.
 */
export function checkToken(token: string): string {
  if (!/^[\x21-\x7e]{16,}$/.test(token)) {
    const nonAscii = [...token].some((char) => char > '\x7e');
    throw new UsageError(
      `The token must be at least 16 printable ASCII characters, without spaces (this one has ${[...token].length} characters${nonAscii ? ', some outside ASCII' : ''}). ` +
        'Or let `npm run set-token -- --generate` make one.',
    );
  }
  return token;
}

/** All of standard input, without the one line break `echo` or a file would end it with. */
async function readPiped(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Reads one line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const { stdin, stderr } = process;
  stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise<string>((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003' || char === '\u0004')
          return finish(new UsageError('Cancelled: the token was not changed.'));
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('');
        else value += char;
      }
    };
    stdin.on('data', onData);
  });
}

/**
 * The new token from standard input when it is piped, or typed twice at a hidden prompt: never
 * from the command line, where the shell history and the process list would keep it.
 */
export async function readNewToken(): Promise<string> {
  if (!process.stdin.isTTY) return readPiped();
  const token = await promptHidden('New token (not shown): ');
  const again = await promptHidden('The same again: ');
  if (token !== again) throw new UsageError('The two entries differ: the token was not changed.');
  return token;
}
