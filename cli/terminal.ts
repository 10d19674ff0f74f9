// The controlling terminal: prompts with echo off, and text made safe to show on it.
import { openSync, writeSync } from 'node:fs';
import { ReadStream } from 'node:tty';
import { CliError, EXIT } from './exit.ts';

const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const CTRL_U = '\u0015';
const ESC = '\u001b';

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
  // Whole characters, even when a multi-byte one arrives split across two reads.
  input.setEncoding('utf8');
  try {
    // Echo goes off before the question shows, so nothing typed at once is echoed.
    input.setRawMode(true);
    writeSync(fd, question);
    return await new Promise<string>((resolve, reject) => {
      const line = new HiddenLine();
      const cancel = () => reject(new CliError(EXIT.usage, 'Cancelled.'));
      input.on('data', (chunk: string) => {
        for (const char of chunk) {
          const outcome = line.take(char);
          if (outcome === 'enter') return resolve(line.text);
          if (outcome === 'cancel') return cancel();
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
 * The line typed at a hidden prompt, key by key, as raw mode delivers them. Keys that send escape
 * sequences (arrows, Home, F-keys) are dropped whole: the person cannot see the line to move in
 * it, and their bytes must not end up in a passphrase (`pass[Dword`).
 */
class HiddenLine {
  text = '';
  private escape: 'none' | 'started' | 'sequence' = 'none';

  take(char: string): 'enter' | 'cancel' | undefined {
    if (this.escape === 'started') {
      // ESC [ (CSI) and ESC O (SS3) start a sequence; ESC and another key is Alt+key.
      this.escape = char === '[' || char === 'O' ? 'sequence' : 'none';
      return undefined;
    }
    if (this.escape === 'sequence') {
      // Parameters and intermediates are 0x20-0x3f; the final byte ends the sequence.
      if (char >= '@' && char <= '~') this.escape = 'none';
      return undefined;
    }
    if (char === '\r' || char === '\n') return 'enter';
    if (char === CTRL_C || (char === CTRL_D && this.text === '')) return 'cancel';
    if (char === ESC) this.escape = 'started';
    else if (char === '\u007f' || char === '\b') this.text = [...this.text].slice(0, -1).join('');
    else if (char === CTRL_U) this.text = '';
    else if (char >= ' ') this.text += char;
    return undefined;
  }
}

/**
 * Text made safe to show on a terminal: C0 and C1 controls (ESC starts sequences that retitle the
 * window, clear the screen or write the clipboard), DEL and carriage returns become visible
 * escapes like `\x1b`; newlines and tabs stay.
 */
export function forTerminal(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
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
