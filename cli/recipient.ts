// The first steps of every command a recipient runs: the link, its key, its server, its read token.
import type { ApiClient } from '../core/api.ts';
import { deriveReadToken, parseKey } from '../core/envelope.ts';
import type { ParsedLink } from '../core/links.ts';
import { endpointsForLink, type EndpointOptions } from './endpoint.ts';
import { usage } from './exit.ts';
import type { Io } from './io.ts';
import { readLinkArg } from './link.ts';

export interface ReachedSecret {
  readonly link: ParsedLink;
  readonly key: Uint8Array;
  readonly readToken: string;
  readonly client: ApiClient;
}

export async function reachSecret(
  linkText: string | undefined,
  options: EndpointOptions,
  io: Io,
): Promise<ReachedSecret> {
  const link = await readLinkArg(linkText, 'secret', io);
  let key: Uint8Array;
  try {
    key = parseKey(link.credential);
  } catch {
    throw usage('The link is damaged: the part after # is not a key.');
  }
  const { client } = await endpointsForLink(link.origin, options, io.env);
  const { readToken } = await deriveReadToken(key);
  return { link, key, readToken, client };
}
