// Links: `<origin>/s/<id>#<K>` to read, `<origin>/m/<id>#<manageToken>` to manage, and for a secret
// request `<origin>/f/<id>#<public key>` to fill it (its retrieve link is a read link holding the
// private key). The part after `#` never reaches a server.

export type LinkKind = 'secret' | 'manage' | 'fill';

export interface ParsedLink {
  readonly kind: LinkKind;
  readonly origin: string;
  readonly id: string;
  /**
   * The part after `#`: for a secret link K, `K.t` (one of several recipients) or a request's private
   * key; for a manage link the manage token, or `manageToken.labelKey`; for a fill link the request's
   * public key.
   */
  readonly credential: string;
}

const PREFIX: Record<LinkKind, string> = { secret: 's', manage: 'm', fill: 'f' };
const KIND_OF: Record<string, LinkKind> = { s: 'secret', m: 'manage', f: 'fill' };

export function buildLink(kind: LinkKind, origin: string, id: string, credential: string): string {
  return `${origin.replace(/\/+$/, '')}/${PREFIX[kind]}/${id}#${credential}`;
}

/**
 * Parses a link (with any base path before `/s/`, `/m/` or `/f/`); throws a readable error otherwise.
 * `keyless` accepts a link without the part after `#` (credential ''), for a key sent apart.
 */
export function parseLink(link: string, options: { keyless?: boolean } = {}): ParsedLink {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    throw new TypeError('That is not a SecretSentry link.');
  }
  const match = /^(.*)\/(s|m|f)\/([A-Za-z0-9_-]{22})\/?$/.exec(url.pathname);
  const credential = url.hash.replace(/^#/, '');
  if (!match || (credential === '' && !options.keyless)) {
    throw new TypeError('That is not a complete SecretSentry link (it needs the part after #).');
  }
  return {
    kind: KIND_OF[match[2] ?? 's'] ?? 'secret',
    origin: url.origin + (match[1] ?? ''),
    id: match[3] ?? '',
    credential,
  };
}
