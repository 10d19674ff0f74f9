// `secretsentry get <link>`: spends one read, decrypts here, writes the plaintext to stdout or --out
// (a file's body streamed from the vault, decrypted record by record, in constant memory).
import { openFileBody } from '../../core/file-flows.ts';
import { revealSecret, UndecryptableError } from '../../core/flows.ts';
import { TransferError } from '../../core/transfer.ts';
import type { EndpointOptions } from '../endpoint.ts';
import { CliError, EXIT, fromApiError } from '../exit.ts';
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
}

export async function get(
  linkText: string | undefined,
  options: GetOptions,
  io: Io,
): Promise<void> {
  const { link, client, secret } = await reachSecret(linkText, options, io);
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
  const destination = await prepareDestination(io, options, link.id, secret.meta.kind);
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
      : `${revealed.remainingReads} read(s) left`;
  if (revealed.kind === 'text') {
    await destination.deliver(revealed.plaintext);
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
  // A name the CLI chose is always told; otherwise only a person at a terminal is told anything.
  if (io.stderr.isTTY || (where !== undefined && (options.out ?? '-') === '-')) {
    const saved = where === undefined ? '' : `; saved to ${where}`;
    await write(
      io.stderr,
      forTerminal(`File ${name} (${formatBytes(size)}) revealed${saved}; ${left}.`) + '\n',
    );
  }
}
