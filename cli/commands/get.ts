// `secretsentry get <link>`: spends one read, decrypts here, writes the plaintext to stdout or --out.
import { unlock, open } from '../../core/envelope.ts';
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
  const { link, key, readToken, client } = await reachSecret(linkText, options, io);

  let meta;
  try {
    meta = await client.meta(link.id, readToken);
  } catch (error) {
    throw fromApiError(error);
  }
  let contentKey: Uint8Array | undefined;
  let verifier: string | undefined;
  if (meta.passphrase) {
    const passphrase = await resolvePassphrase(io, {
      passphraseFile: options.passphraseFile,
      prompt: true,
      missing: new CliError(
        EXIT.unauthorized,
        'This secret needs a passphrase: give --passphrase-file or SECRETSENTRY_PASSPHRASE.',
      ),
    });
    ({ contentKey, verifier } = await unlock(key, meta.passphrase, passphrase ?? ''));
  }

  // Before the read is spent: a destination that cannot take the secret must cost nothing.
  const destination = await prepareDestination(io, options, link.id);
  let plaintext: Uint8Array;
  let read;
  try {
    try {
      read = await client.read(link.id, readToken, verifier);
    } catch (error) {
      throw fromApiError(error);
    }
    try {
      plaintext = await open(read.ciphertext, key, contentKey);
    } catch {
      throw new CliError(
        EXIT.unavailable,
        'The secret could not be decrypted: what the service returned does not match the link.',
      );
    }
  } catch (error) {
    await destination.abandon();
    throw error;
  }
  await destination.deliver(plaintext);
  if (io.stderr.isTTY) {
    const left =
      read.remainingReads === 0 ? 'it is now destroyed' : `${read.remainingReads} read(s) left`;
    await write(io.stderr, `Secret revealed; ${left}.\n`);
  }
}
