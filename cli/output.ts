// Where `get` puts the plaintext. The destination is prepared before the read is spent, so a
// destination that cannot take it costs nothing; files are written whole or not at all.
import { randomBytes } from 'node:crypto';
import { constants, fstatSync, writeSync, type Stats } from 'node:fs';
import { link, lstat, open, rename, rm, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { BodyIntegrityError } from '../core/body-stream.ts';
import { safeFileName } from '../core/files.ts';
import { TransferError } from '../core/transfer.ts';
import { CliError, EXIT, usage } from './exit.ts';
import { write, type Io } from './io.ts';
import { decodeText, forTerminal } from './terminal.ts';

/** A destination ready to take the plaintext once; `deliver` either puts all of it there or throws. */
export interface Destination {
  deliver(plaintext: Uint8Array): Promise<void>;
  /**
   * A file's body, streamed: on a file it is kept only once the stream ended cleanly; on stdout
   * what came before a failure is already out (each record was authenticated, the end was not).
   * Answers where it went: a path, or undefined for stdout.
   */
  deliverFile(name: string, body: ReadableStream<Uint8Array>): Promise<string | undefined>;
  /** Gives up before anything was written (the read failed): leaves nothing behind. */
  abandon(): Promise<void>;
}

/** Linux's null and full devices: stdout there would swallow the secret or fail after the read. */
const SINKS: Record<number, string> = { [(1 << 8) | 3]: '/dev/null', [(1 << 8) | 7]: '/dev/full' };

/**
 * `--out PATH` (an existing file only with `--force`), `--out -` or stdout. A file secret goes to
 * stdout when that is a pipe or a file; on a terminal (unless `--force`) it is saved in the current
 * folder under its own name, never over another file: its bytes could scramble or drive the
 * terminal, and the read is spent either way.
 */
export async function prepareDestination(
  io: Io,
  options: { out?: string; force?: boolean },
  name: string,
  kind: 'text' | 'file' = 'text',
): Promise<Destination> {
  if (options.out !== undefined && options.out !== '-') {
    return prepareFile(options.out, {
      replace: options.force === true,
      what: `--out ${options.out}`,
    });
  }
  if (kind === 'file' && io.stdout.isTTY && options.force !== true) {
    // The name is known only after the read: the temporary file proves the folder writable first.
    return prepareFile(path.join('.', `secretsentry-${name}`), {
      replace: false,
      what: 'a file in the current folder',
      nameLater: true,
    });
  }
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
    deliverFile: async (_name, body) => {
      const reader = body.getReader();
      try {
        for (let next = await reader.read(); !next.done; next = await reader.read()) {
          await toStdoutExactly(io, next.value);
        }
      } catch (error) {
        await reader.cancel().catch(() => undefined);
        throw lostAfterRead(error, 'stdout got the file only in part');
      }
      return undefined;
    },
    abandon: async () => undefined,
  };
}

/**
 * stdout must lead somewhere that takes bytes. Node reopens a closed fd 1 (`>&-`) as /dev/null;
 * a zero-length write fails at once on /dev/full (ENOSPC) and on an fd open only for reading
 * (EBADF), and changes nothing anywhere else. Not detectable beforehand: a pipe whose reader has
 * already quit, a disk that fills up during the write; those fail after the read (exit 1).
 */
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
  try {
    writeSync(1, new Uint8Array(0));
  } catch (error) {
    throw usage(`stdout cannot be written (${codeOf(error)}): give --out FILE. Nothing was read.`);
  }
}

/**
 * A temporary file (0600, created new, never through a symlink) beside the target, renamed over it
 * once the whole plaintext is on disk: a crash or a full disk leaves the target as it was. An
 * existing target is refused before the read unless `replace`; with `nameLater` the file's own name
 * (made safe) is chosen after the read, with " (1)", " (2)"… before its extension when it is taken.
 */
async function prepareFile(
  target: string,
  how: { replace: boolean; what: string; nameLater?: boolean },
): Promise<Destination> {
  const existing = await lstat(target).catch(() => undefined);
  if (existing?.isSymbolicLink()) {
    throw usage(
      `${how.what} is a symbolic link; give the real path (- for stdout). Nothing was read.`,
    );
  }
  if (existing !== undefined && !existing.isFile()) {
    throw usage(`${how.what} is not a regular file. Nothing was read.`);
  }
  if (existing !== undefined && !how.replace && !how.nameLater) {
    throw usage(`${how.what} already exists: add --force to replace it. Nothing was read.`);
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
    throw new CliError(
      EXIT.usage,
      `Cannot write ${how.what}: ${codeOf(error)}. Nothing was read.`,
      { cause: error },
    );
  }
  const discard = async () => {
    await handle.close().catch(() => undefined);
    await rm(temporary, { force: true });
  };
  /** The temporary file is complete: put it in place and answer where it went. */
  const finish = async (fileName: string | undefined): Promise<string> => {
    await handle.sync();
    await handle.close();
    let placed = target;
    if (how.nameLater) {
      placed = await linkUnderFreeName(
        temporary,
        path.dirname(target),
        safeFileName(fileName ?? ''),
      );
      await unlink(temporary);
    } else {
      await rename(temporary, target);
    }
    await syncFolder(path.dirname(target));
    return placed;
  };
  return {
    deliver: async (plaintext) => {
      try {
        await handle.writeFile(plaintext);
        await finish(undefined);
      } catch (error) {
        await discard();
        throw lostAfterRead(error);
      }
    },
    deliverFile: async (fileName, body) => {
      const reader = body.getReader();
      // Records arrive 64 KiB at a time: written a megabyte at a time, a sixteenth of the calls.
      const batch = new Uint8Array(WRITE_BYTES);
      let batched = 0;
      try {
        for (let next = await reader.read(); !next.done; next = await reader.read()) {
          const chunk = next.value;
          if (batched + chunk.length > WRITE_BYTES) {
            await handle.write(batch, 0, batched);
            batched = 0;
          }
          if (chunk.length >= WRITE_BYTES) await handle.write(chunk);
          else {
            batch.set(chunk, batched);
            batched += chunk.length;
          }
        }
        if (batched > 0) await handle.write(batch, 0, batched);
        return await finish(fileName);
      } catch (error) {
        await reader.cancel().catch(() => undefined);
        await discard();
        throw lostAfterRead(error);
      }
    },
    abandon: discard,
  };
}

/** Hard-links `file` as `name` in `folder`, or `name (1)`, `name (2)`…: never over another file. */
async function linkUnderFreeName(file: string, folder: string, name: string): Promise<string> {
  const dot = name.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 0; ; n += 1) {
    const candidate = path.join(folder, n === 0 ? name : `${stem} (${n})${extension}`);
    try {
      await link(file, candidate);
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || n >= 999) throw error;
    }
  }
}

async function toStdout(io: Io, plaintext: Uint8Array, force: boolean, name: string) {
  if (!io.stdout.isTTY) return toStdoutExactly(io, plaintext);
  const text = decodeText(plaintext);
  if (text === undefined && force) return toStdoutExactly(io, plaintext);
  if (text === undefined) return keepBinary(io, plaintext, name);
  // Control sequences could retitle the window, clear the screen or write the clipboard.
  const shown = forTerminal(text);
  // End the line so the prompt does not run into the secret; pipes and files get exact bytes.
  await toStdoutExactly(io, encoder.encode(shown.endsWith('\n') ? shown : `${shown}\n`));
  if (shown !== text) {
    await write(
      io.stderr,
      'The secret holds control characters, shown above as \\xNN escapes; ' +
        'a pipe or --out FILE gets its exact bytes.\n',
    );
  }
}

/**
 * Binary would scramble the terminal, and the read is spent, so it is kept rather than refused:
 * in a 0600 file in the current folder, or, when that cannot be written, as base64 on the screen.
 */
async function keepBinary(io: Io, plaintext: Uint8Array, name: string): Promise<void> {
  const file = `secretsentry-${name}.bin`;
  const advice = 'Use --out FILE next time, or --force to send binary to the terminal.';
  try {
    const destination = await prepareFile(file, { replace: true, what: file });
    await destination.deliver(plaintext);
  } catch (error) {
    const cause = error instanceof Error ? error.cause : undefined;
    const why = cause === undefined ? 'another kind of file is in the way' : codeOf(cause);
    await toStdoutExactly(io, encoder.encode(`${Buffer.from(plaintext).toString('base64')}\n`));
    await write(
      io.stderr,
      `The secret is binary and could not be saved to ${file} (${why}): ` +
        `shown above as base64 (decode with base64 -d). ${advice}\n`,
    );
    return;
  }
  await write(
    io.stderr,
    `The secret is binary, so it was not shown: saved to ${file} (mode 0600). ${advice}\n`,
  );
}

/**
 * The process's own stdout is written through its fd: a failure (a pipe whose reader has quit)
 * comes back here to be reported, not to the stream's error handler, which ends the process
 * quietly on EPIPE (`| head` on other commands) and would hide that the secret is lost.
 */
async function toStdoutExactly(io: Io, bytes: Uint8Array): Promise<void> {
  if (io.stdout !== process.stdout) return write(io.stdout, bytes);
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(1, bytes, offset);
    } catch (error) {
      // Node makes a piped stdout non-blocking: a full pipe waits for its reader.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

/** After a rename, the folder's entry is what a crash could lose; some file systems cannot sync one. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, constants.O_RDONLY).catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}

const encoder = new TextEncoder();
const WRITE_BYTES = 1024 * 1024;

function lostAfterRead(error: unknown, detail?: string): CliError {
  if (error instanceof BodyIntegrityError || error instanceof TransferError) {
    const where = detail === undefined ? 'nothing was saved' : detail;
    return new CliError(
      EXIT.failed,
      `The read was spent, but the file could not be downloaded whole (${error.message}); ` +
        `${where}. Ask the sender to share it again.`,
      { cause: error },
    );
  }
  return new CliError(
    EXIT.failed,
    `The read was spent, but the secret could not be written (${codeOf(error)}): it is lost. ` +
      'Ask the sender to share it again.',
    { cause: error },
  );
}

const codeOf = (error: unknown): string =>
  (error as NodeJS.ErrnoException | undefined)?.code ?? 'error';
