// `secretsentry get <link>`: spends one read, decrypts here, writes the plaintext to stdout or --out
// (a file's body streamed from the vault, decrypted record by record, in constant memory).
import { openFileBody } from '../../core/file-flows.ts';
import { ApiError } from '../../core/api.ts';
import {
  destroyRevealed,
  revealSecret,
  UndecryptableError,
  type RevealedSecret,
} from '../../core/flows.ts';
import { TransferError } from '../../core/transfer.ts';
import type { EndpointOptions } from '../endpoint.ts';
import { CliError, EXIT, fromApiError, notFilled, notYetOpen } from '../exit.ts';
import { resolvePassphrase, write, type Io } from '../io.ts';
import { prepareDestination } from '../output.ts';
import { formatBytes, progressLine } from '../progress.ts';
import { forTerminal } from '../terminal.ts';
import { reachSecret } from '../recipient.ts';
import { nodeRecords } from '../records.ts';

export interface GetOptions extends EndpointOptions {
  readonly out?: string;
  readonly passphraseFile?: string;
  readonly force?: boolean;
  /** Once the secret is written, destroy it even if reads are left (nobody else can open the link). */
  readonly destroyAfter?: boolean;
}

export async function get(
  linkText: string | undefined,
  options: GetOptions,
  io: Io,
): Promise<void> {
  const { link, client, secret } = await reachSecret(linkText, options, io);
  // Not open yet by this machine's clock: said before a passphrase is asked for. (Behind the
  // service's clock, the read itself answers not_yet_open, to the same end.)
  const { notBefore } = secret.meta;
  if (notBefore !== undefined && Date.parse(notBefore) > Date.now()) throw notYetOpen(notBefore);
  // A request nobody has filled holds nothing to read yet (the read would answer not_filled too).
  if (secret.meta.kind === 'request' && secret.meta.filled === false) throw notFilled();
  let passphrase: string | undefined;
  if (secret.meta.passphrase) {
    passphrase = await resolvePassphrase(io, {
      passphraseFile: options.passphraseFile,
      prompt: true,
      missing: new CliError(
        EXIT.unauthorized,
        'This secret needs a passphrase: give --passphrase-file or SECRETSENTRY_PASSPHRASE.',
      ),
    });
  }

  // Before the read is spent: a destination that cannot take the secret must cost nothing.
  // A request's fill is a text secret.
  const kind = secret.meta.kind === 'file' ? 'file' : 'text';
  const destination = await prepareDestination(io, options, link.id, kind);
  let revealed;
  try {
    revealed = await revealSecret(client, secret, { passphrase: passphrase ?? '' });
  } catch (error) {
    await destination.abandon();
    if (error instanceof UndecryptableError) {
      throw new CliError(
        EXIT.unavailable,
        'The secret could not be decrypted: what the service returned does not match the link.',
      );
    }
    throw fromApiError(error);
  }
  const left =
    revealed.remainingReads === 0
      ? 'it is now destroyed'
      : options.destroyAfter
        ? 'it is now destroyed, as asked'
        : `${revealed.remainingReads} read(s) left`;
  if (revealed.kind === 'text') {
    await destination.deliver(revealed.plaintext);
    await destroyIfAsked(client, revealed, options);
    if (io.stderr.isTTY) await write(io.stderr, `Secret revealed; ${left}.\n`);
    return;
  }

  const { name, size } = revealed.manifest;
  const progress = progressLine(io, 'Downloading');
  let body;
  try {
    body = await openFileBody(revealed, { onProgress: progress.update, cipher: nodeRecords });
  } catch (error) {
    await destination.abandon();
    progress.done();
    if (error instanceof TransferError) {
      throw new CliError(
        EXIT.failed,
        `The read was spent, but the file could not be downloaded (${error.message}). ` +
          'Ask the sender to share it again.',
        { cause: error },
      );
    }
    throw error;
  }
  let where: string | undefined;
  try {
    where = await destination.deliverFile(name, body);
  } finally {
    progress.done();
  }
  await destroyIfAsked(client, revealed, options);
  // A name the CLI chose is always told; otherwise only a person at a terminal is told anything.
  if (io.stderr.isTTY || (where !== undefined && (options.out ?? '-') === '-')) {
    const saved = where === undefined ? '' : `; saved to ${where}`;
    await write(
      io.stderr,
      forTerminal(`File ${name} (${formatBytes(size)}) revealed${saved}; ${left}.`) + '\n',
    );
  }
}

/**
 * `--destroy-after`: once the secret is safely written, ends it with the read's own credentials, so
 * that its remaining reads cannot be used. Already gone (404) is what was asked for.
 */
async function destroyIfAsked(
  client: Parameters<typeof destroyRevealed>[0],
  revealed: RevealedSecret,
  options: GetOptions,
): Promise<void> {
  if (!options.destroyAfter || revealed.remainingReads === 0) return;
  try {
    await destroyRevealed(client, revealed.access);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return;
    const cause = fromApiError(error);
    throw new CliError(
      cause.exitCode,
      // Another get would spend a read: the sender's revoke is the way to end it now.
      `The secret was written, but could not be destroyed: ${cause.message} Ask the sender to revoke it.`,
      { cause: error },
    );
  }
}
