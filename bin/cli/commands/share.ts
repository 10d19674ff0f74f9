// `secretsentry share`: encrypt stdin or --file here, store only ciphertext, print the link.
import { seal } from '../../../web/src/core/envelope.ts';
import { buildLink } from '../../../web/src/core/links.ts';
import { parseDuration, parseReads } from '../duration.ts';
import { endpointsForShare } from '../endpoint.ts';
import { CliError, EXIT, fromApiError } from '../exit.ts';
import { readSecret, resolvePassphrase, write, type Io } from '../io.ts';

export interface ShareOptions {
  readonly file?: string;
  readonly reads: string;
  readonly ttl: string;
  readonly passphraseFile?: string;
  readonly passphrase?: boolean;
  readonly manage?: boolean;
  readonly json?: boolean;
  readonly api?: string;
  readonly pageUrl?: string;
}

export async function share(options: ShareOptions, io: Io): Promise<void> {
  const maxReads = parseReads(options.reads);
  const ttlSeconds = parseDuration(options.ttl);
  const endpoints = await endpointsForShare(options, io.env);
  const secret = await readSecret(io, options.file);
  const passphrase = await resolvePassphrase(io, {
    passphraseFile: options.passphraseFile,
    prompt: options.passphrase === true,
    confirm: true,
    missing: new CliError(
      EXIT.usage,
      '--passphrase needs a terminal to ask on; use --passphrase-file or SECRETSENTRY_PASSPHRASE.',
    ),
  });

  const sealed = await seal(secret, passphrase === undefined ? {} : { passphrase });
  let created;
  try {
    created = await endpoints.client.create({
      ciphertext: sealed.ciphertext,
      readTokenHash: sealed.readTokenHash,
      maxReads,
      ttlSeconds,
      ...(sealed.passphrase ? { passphrase: sealed.passphrase } : {}),
    });
  } catch (error) {
    throw fromApiError(error);
  }
  const link = buildLink('secret', endpoints.pageOrigin, created.id, sealed.key);
  const manageLink = buildLink('manage', endpoints.pageOrigin, created.id, created.manageToken);

  if (options.json) {
    const result = {
      link,
      ...(options.manage ? { manageLink } : {}),
      id: created.id,
      expiresAt: created.expiresAt,
      maxReads: created.maxReads,
      passphrase: passphrase !== undefined,
    };
    await write(io.stdout, JSON.stringify(result) + '\n');
    return;
  }
  await write(io.stdout, link + '\n' + (options.manage ? manageLink + '\n' : ''));
  if (io.stderr.isTTY) {
    const reads = created.maxReads === 1 ? 'once' : `${created.maxReads} times`;
    await write(io.stderr, `Can be read ${reads}; expires ${created.expiresAt}.\n`);
  }
}
