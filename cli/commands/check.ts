// `secretsentry check <link>`: is the link still good? The API's metadata call: no read is spent.
import type { EndpointOptions } from '../endpoint.ts';
import { write, type Io } from '../io.ts';
import { reachSecret } from '../recipient.ts';

export interface CheckOptions extends EndpointOptions {
  readonly json?: boolean;
}

export async function check(
  linkText: string | undefined,
  options: CheckOptions,
  io: Io,
): Promise<void> {
  const { meta } = (await reachSecret(linkText, options, io, 'link')).secret;
  const passphrase = meta.passphrase !== null;
  const request = meta.kind === 'request';
  if (options.json) {
    const result = {
      readable: true,
      kind: meta.kind,
      ...(request ? { filled: meta.filled === true } : {}),
      remainingReads: meta.remainingReads,
      expiresAt: meta.expiresAt,
      ...(meta.notBefore === undefined ? {} : { notBefore: meta.notBefore }),
      passphrase,
    };
    await write(io.stdout, JSON.stringify(result) + '\n');
    return;
  }
  // A request's retrieve link works from the start, but reads nothing until someone fills it.
  if (request && meta.filled !== true) {
    await write(
      io.stdout,
      `not filled yet: a request nobody has filled; expires ${meta.expiresAt}\n`,
    );
    return;
  }
  const reads = meta.remainingReads === 1 ? '1 read' : `${meta.remainingReads} reads`;
  const what = meta.kind === 'file' ? 'a file, ' : request ? 'a filled request, ' : '';
  await write(
    io.stdout,
    `readable: ${what}${reads} left, ` +
      (meta.notBefore !== undefined && Date.parse(meta.notBefore) > Date.now()
        ? `opens ${meta.notBefore}, `
        : '') +
      `expires ${meta.expiresAt}` +
      (passphrase ? ', needs a passphrase' : '') +
      '\n',
  );
}
