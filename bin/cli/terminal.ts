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

/**
 * Text made safe to show on a terminal: C0 and C1 controls (ESC starts sequences that retitle the
 * window, clear the screen or write the clipboard), DEL and carriage returns become visible
 * escapes like `\x1b`; newlines and tabs stay.
 */
export function forTerminal(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : c;
  });
}

/** The plaintext as text, or undefined when it is binary (not UTF-8, or with NUL bytes). */
export function decodeText(bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.includes('\0') ? undefined : text;
  } catch {
    return undefined;
  }
}
