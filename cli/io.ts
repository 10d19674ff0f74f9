// Where secrets come from and go to: stdin, files, the terminal. Never argv, never stderr.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { SecretTooLargeError } from '../core/flows.ts';
import { LIMITS } from '../core/limits.ts';
import { CliError, usage } from './exit.ts';
import { decodeText } from './terminal.ts';

/** Everything a command touches outside itself, so tests and the entry point can wire it. */
export interface Io {
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  /** Asks on the controlling terminal with echo off; undefined when there is no terminal. */
  readonly prompt: (question: string) => Promise<string | undefined>;
}

/** What to do about a secret over the limit: `share` takes a larger one as a file. */
const SHARE_A_FILE = 'Save it to a file and share that with --file (up to 1 GiB).';

const tooLarge = (advice: string) => usage(`${new SecretTooLargeError().message} ${advice}`);

export async function readAll(
  stream: NodeJS.ReadableStream,
  advice = SHARE_A_FILE,
): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    size += buffer.length;
    if (size > LIMITS.secretBytes) throw tooLarge(advice);
    chunks.push(buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * The secret: exact bytes of `--file`; or stdin, less one trailing newline (as `echo` adds one)
 * when it is text, byte for byte when it is binary. `tooLargeAdvice` follows the size limit's
 * message (by default: share it as a file).
 */
export async function readSecret(
  io: Io,
  file: string | undefined,
  tooLargeAdvice = SHARE_A_FILE,
): Promise<Uint8Array> {
  let bytes: Uint8Array;
  if (file !== undefined) {
    try {
      // Streamed with the size limit: `--file /dev/zero` or a huge file stops at the limit.
      bytes = await readAll(file === '-' ? io.stdin : createReadStream(file), tooLargeAdvice);
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw usage(
        `Cannot read --file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`,
      );
    }
    if (bytes.length > LIMITS.secretBytes) throw tooLarge(tooLargeAdvice);
  } else {
    if (io.stdin.isTTY) {
      // Typed by a person: asked with echo off, so it is neither shown nor kept in scrollback.
      const typed = await io.prompt('Secret (input hidden): ');
      if (typed === undefined) {
        throw usage(
          'Pipe the secret on stdin or give --file; secrets are never taken from arguments.',
        );
      }
      bytes = new TextEncoder().encode(typed);
    } else {
      const piped = await readAll(io.stdin, tooLargeAdvice);
      bytes = decodeText(piped) === undefined ? piped : stripNewline(piped);
    }
  }
  if (bytes.length === 0) throw usage('The secret is empty: nothing to share.');
  return bytes;
}

function stripNewline(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 0x0a) end -= 1;
  if (end > 0 && bytes[end - 1] === 0x0d && end < bytes.length) end -= 1;
  return bytes.subarray(0, end);
}

/** First line of a passphrase file, without its line ending. */
async function readPassphraseFile(file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw usage(
      `Cannot read --passphrase-file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`,
    );
  }
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  if (line === '') throw usage(`--passphrase-file ${file} is empty.`);
  return line;
}

export interface PassphraseOptions {
  readonly passphraseFile?: string;
  /** Ask on the terminal when neither the file nor the environment gives one. */
  readonly prompt: boolean;
  readonly confirm?: boolean;
  /** Why it is needed, for the error when there is no way to ask. */
  readonly missing: CliError;
}

/** `--passphrase-file`, then SECRETSENTRY_PASSPHRASE, then a prompt on the terminal. */
export async function resolvePassphrase(
  io: Io,
  options: PassphraseOptions,
): Promise<string | undefined> {
  if (options.passphraseFile !== undefined) return readPassphraseFile(options.passphraseFile);
  // One trailing line ending goes, as from a passphrase file (`$(cat file)` keeps none, a heredoc one).
  const fromEnv = io.env.SECRETSENTRY_PASSPHRASE?.replace(/\r?\n$/, '');
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!options.prompt) return undefined;
  const first = await io.prompt('Passphrase: ');
  if (first === undefined) throw options.missing;
  if (first === '') throw usage('The passphrase is empty.');
  if (options.confirm) {
    const second = await io.prompt('Passphrase again: ');
    if (second !== first) throw usage('The two passphrases differ.');
  }
  return first;
}

export async function write(stream: NodeJS.WritableStream, data: string | Uint8Array) {
  await new Promise<void>((resolve, reject) => {
    stream.write(data, (error) => (error ? reject(error) : resolve()));
  });
}

/** A line of a command's result on stdout, and what it is, for a person reading stderr. */
export type LabelledLine = readonly [label: string, line: string];

/**
 * Results that look alike and are for different people (a request's two links, the links of several
 * recipients): stdout holds the lines alone, one a line, in order, for scripts; a terminal on stderr
 * is told which is which, beside each line when stdout is that terminal too, else by line number.
 * `last` ends what stderr is told.
 */
export async function writeLabelled(
  io: Io,
  lines: readonly LabelledLine[],
  last: string,
): Promise<void> {
  if (io.stderr.isTTY && io.stdout.isTTY) {
    for (const [label, line] of lines) {
      await write(io.stderr, `${label}\n`);
      await write(io.stdout, `${line}\n`);
    }
    await write(io.stderr, `${last}\n`);
    return;
  }
  await write(io.stdout, lines.map(([, line]) => line).join('\n') + '\n');
  if (io.stderr.isTTY) {
    const told = lines.map(([label], i) => `Line ${i + 1}: ${label}`).join('\n');
    await write(io.stderr, `${told}\n${last}\n`);
  }
}
