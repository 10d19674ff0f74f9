// `secretsentry get <link>`: spends one read, decrypts here, writes the plaintext to stdout or --out.
import { FileNotSupportedError, revealSecret, UndecryptableError } from '../../core/flows.ts';
import type { EndpointOptions } from '../endpoint.ts';
import { CliError, EXIT, fromApiError } from '../exit.ts';
import { resolvePassphrase, write, type Io } from '../io.ts';
import { prepareDestination } from '../output.ts';
import { reachSecret } from '../recipient.ts';

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
  const destination = await prepareDestination(io, options, link.id);
  let revealed;
  try {
    revealed = await revealSecret(client, secret, { passphrase: passphrase ?? '' });
  } catch (error) {
    await destination.abandon();
    if (error instanceof FileNotSupportedError) throw new CliError(EXIT.usage, error.message);
    if (error instanceof UndecryptableError) {
      throw new CliError(
        EXIT.unavailable,
        'The secret could not be decrypted: what the service returned does not match the link.',
      );
    }
    throw fromApiError(error);
  }
  await destination.deliver(revealed.plaintext);
  if (io.stderr.isTTY) {
    const left =
      revealed.remainingReads === 0
        ? 'it is now destroyed'
        : `${revealed.remainingReads} read(s) left`;
    await write(io.stderr, `Secret revealed; ${left}.\n`);
  }
}
