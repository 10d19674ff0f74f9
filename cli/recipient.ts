// The first steps of every command a recipient runs: the link, its key, its server, and the secret's
// metadata (the reveal flow's first step, which spends nothing).
import type { ApiClient } from '../core/api.ts';
import { parseLinkSecret } from '../core/envelope.ts';
import { prepareReveal, type SecretToReveal } from '../core/flows.ts';
import type { ParsedLink } from '../core/links.ts';
import { endpointsForLink, type EndpointOptions } from './endpoint.ts';
import { fromApiError, usage } from './exit.ts';
import type { Io } from './io.ts';
import { readLinkArg } from './link.ts';

export interface ReachedSecret {
  readonly link: ParsedLink;
  readonly client: ApiClient;
  readonly secret: SecretToReveal;
}

export async function reachSecret(
  linkText: string | undefined,
  options: EndpointOptions,
  io: Io,
  what: 'secret' | 'link' = 'secret',
): Promise<ReachedSecret> {
  const link = await readLinkArg(linkText, 'secret', io);
  try {
    // K, or `K.t` for one of several recipients' links.
    parseLinkSecret(link.credential);
  } catch {
    throw usage('The link is damaged: the part after # is not a key.');
  }
  const { client } = await endpointsForLink(link.origin, options, io.env);
  try {
    return { link, client, secret: await prepareReveal(client, link) };
  } catch (error) {
    throw fromApiError(error, what);
  }
}
