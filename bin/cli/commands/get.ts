// `secretsentry get <link>`: spends one read, decrypts here, writes the plaintext to stdout or --out.
import { unlock, open } from '../../../web/src/core/envelope.ts';
import type { EndpointOptions } from '../endpoint.ts';
import { CliError, EXIT, fromApiError } from '../exit.ts';
import { resolvePassphrase, write, writeSecretFile, type Io } from '../io.ts';
import { reachSecret } from '../recipient.ts';

export interface GetOptions extends EndpointOptions {
  readonly out?: string;
  readonly passphraseFile?: string;
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

  let read;
  try {
    read = await client.read(link.id, readToken, verifier);
  } catch (error) {
    throw fromApiError(error);
  }
  let plaintext: Uint8Array;
  try {
    plaintext = await open(read.ciphertext, key, contentKey);
  } catch {
    throw new CliError(
      EXIT.unavailable,
      'The secret could not be decrypted: what the service returned does not match the link.',
    );
  }
  if (options.out !== undefined) {
    await writeSecretFile(options.out, plaintext);
  } else {
    await write(io.stdout, plaintext);
    // On a terminal, end the line so the prompt does not run into the secret; pipes get exact bytes.
    if (io.stdout.isTTY && plaintext[plaintext.length - 1] !== 0x0a) await write(io.stdout, '\n');
  }
  if (io.stderr.isTTY) {
    const left =
      read.remainingReads === 0 ? 'it is now destroyed' : `${read.remainingReads} read(s) left`;
    await write(io.stderr, `Secret revealed; ${left}.\n`);
  }
}
