// Where `get` puts the plaintext. The destination is prepared before the read is spent, so a
// destination that cannot take it costs nothing; files are written whole or not at all.
import { randomBytes } from 'node:crypto';
import { constants, fstatSync, type Stats } from 'node:fs';
import { lstat, open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { CliError, EXIT, usage } from './exit.ts';
import { write, type Io } from './io.ts';
import { decodeText, forTerminal } from './terminal.ts';

/** A destination ready to take the plaintext once; `deliver` either puts all of it there or throws. */
export interface Destination {
  deliver(plaintext: Uint8Array): Promise<void>;
  /** Gives up before anything was written (the read failed): leaves nothing behind. */
  abandon(): Promise<void>;
}

/** Linux's null and full devices: stdout there would swallow the secret or fail after the read. */
const SINKS: Record<number, string> = { [(1 << 8) | 3]: '/dev/null', [(1 << 8) | 7]: '/dev/full' };

export async function prepareDestination(
  io: Io,
  options: { out?: string; force?: boolean },
  name: string,
): Promise<Destination> {
  if (options.out !== undefined && options.out !== '-') return prepareFile(options.out);
  checkStdout(io);
  return {
    deliver: async (plaintext) => {
      try {
        await toStdout(io, plaintext, options.force === true, name);
      } catch (error) {
        if (error instanceof CliError) throw error;
        throw lostAfterRead(error);
      }
    },
    abandon: async () => undefined,
  };
}

/** stdout must lead somewhere: Node reopens a closed fd 1 (`>&-`) as /dev/null. */
function checkStdout(io: Io): void {
  if (io.stdout !== process.stdout) return;
  let stats: Stats;
  try {
    stats = fstatSync(1);
  } catch {
    throw usage('stdout is closed: give --out FILE. Nothing was read.');
  }
  const sink = stats.isCharacterDevice() ? SINKS[stats.rdev] : undefined;
  if (sink !== undefined) {
    throw usage(
      `stdout is ${sink}, where the secret would be lost: give --out FILE. Nothing was read.`,
    );
  }
}

/**
 * A temporary file (0600, created new, never through a symlink) beside the target, renamed over it
 * once the whole plaintext is on disk: a crash or a full disk leaves the target as it was.
 */
async function prepareFile(target: string): Promise<Destination> {
  const existing = await lstat(target).catch(() => undefined);
  if (existing?.isSymbolicLink()) {
    throw usage(`--out ${target} is a symbolic link; give the real path. Nothing was read.`);
  }
  if (existing !== undefined && !existing.isFile()) {
    throw usage(`--out ${target} is not a regular file. Nothing was read.`);
  }
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.secretsentry-${randomBytes(6).toString('hex')}`,
  );
  let handle: FileHandle;
  try {
    handle = await open(
      temporary,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o600,
    );
  } catch (error) {
    throw usage(`Cannot write --out ${target}: ${codeOf(error)}. Nothing was read.`);
  }
  const discard = async () => {
    await handle.close().catch(() => undefined);
    await rm(temporary, { force: true });
  };
  return {
    deliver: async (plaintext) => {
      try {
        await handle.writeFile(plaintext);
        await handle.sync();
        await handle.close();
        await rename(temporary, target);
      } catch (error) {
        await discard();
        throw lostAfterRead(error);
      }
    },
    abandon: discard,
  };
}

async function toStdout(io: Io, plaintext: Uint8Array, force: boolean, name: string) {
  if (!io.stdout.isTTY) return write(io.stdout, plaintext);
  const text = decodeText(plaintext);
  if (text === undefined && !force) {
    // Binary would scramble the terminal; the read is spent, so keep it rather than refuse.
    const kept = await keepBinary(plaintext, name);
    await write(
      io.stderr,
      `The secret is binary, so it was not shown: saved to ${kept} (mode 0600). ` +
        'Use --out FILE next time, or --force to send binary to the terminal.\n',
    );
    return;
  }
  if (text === undefined) return write(io.stdout, plaintext);
  // Control sequences could retitle the window, clear the screen or write the clipboard.
  await write(io.stdout, forTerminal(text));
  // End the line so the prompt does not run into the secret; pipes and files get exact bytes.
  if (!text.endsWith('\n')) await write(io.stdout, '\n');
}

async function keepBinary(plaintext: Uint8Array, name: string): Promise<string> {
  const file = `secretsentry-${name}.bin`;
  const destination = await prepareFile(file);
  await destination.deliver(plaintext);
  return file;
}

function lostAfterRead(error: unknown): CliError {
  return new CliError(
    EXIT.failed,
    `The read was spent, but the secret could not be written (${codeOf(error)}): it is lost. ` +
      'Ask the sender to share it again.',
  );
}

const codeOf = (error: unknown): string =>
  (error as NodeJS.ErrnoException | undefined)?.code ?? 'error';
