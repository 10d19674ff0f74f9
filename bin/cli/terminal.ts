// The controlling terminal: prompts with echo off, and text made safe to show on it.
import { openSync, writeSync } from 'node:fs';
import { ReadStream } from 'node:tty';
import { CliError, EXIT } from './exit.ts';

const CTRL_C = '\u0003';
const CTRL_D = '\u0004';

/**
 * Reads one line from the controlling terminal (`/dev/tty`, so it works while stdin carries the
 * secret) with echo off; undefined when there is no terminal. Ctrl-C, or Ctrl-D on an empty line,
 * cancels (exit 2). Writes go straight to the fd, synchronously, and the one stream that owns the
 * fd closes it: nothing can be written to it after it is closed (that raced and crashed, EBADF).
 */
export async function promptOnTerminal(question: string): Promise<string | undefined> {
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'r+');
  } catch {
    return undefined;
  }
  const input = new ReadStream(fd);
  try {
    // Echo goes off before the question shows, so nothing typed at once is echoed.
    input.setRawMode(true);
    writeSync(fd, question);
    return await new Promise<string>((resolve, reject) => {
      let answer = '';
      const cancel = () => reject(new CliError(EXIT.usage, 'Cancelled.'));
      input.on('data', (chunk: Buffer) => {
        for (const char of chunk.toString('utf8')) {
          if (char === '\r' || char === '\n') return resolve(answer);
          if (char === CTRL_C || (char === CTRL_D && answer === '')) return cancel();
          if (char === '\u007f' || char === '\b') answer = [...answer].slice(0, -1).join('');
          else if (char >= ' ') answer += char;
        }
      });
      input.once('end', cancel);
      input.once('error', reject);
    });
  } finally {
    try {
      input.setRawMode(false);
      writeSync(fd, '\n');
    } catch {
      // The terminal went away (hang-up): nothing left to restore.
    }
    input.destroy();
  }
}
