// Links: `<origin>/s/<id>#<K>` to read, `<origin>/m/<id>#<manageToken>` to manage. The part after `#`
// never reaches a server.

export type LinkKind = 'secret' | 'manage';

export interface ParsedLink {
  readonly kind: LinkKind;
  readonly origin: string;
  readonly id: string;
  /** K for a secret link, the manage token for a manage link. */
  readonly credential: string;
}

const PREFIX: Record<LinkKind, string> = { secret: 's', manage: 'm' };

export function buildLink(kind: LinkKind, origin: string, id: string, credential: string): string {
  return `${origin.replace(/\/+$/, '')}/${PREFIX[kind]}/${id}#${credential}`;
}

/**
 * Parses a link (with any base path before `/s/` or `/m/`); throws a readable error otherwise.
 * `keyless` accepts a link without the part after `#` (credential ''), for a key sent apart.
 */
export function parseLink(link: string, options: { keyless?: boolean } = {}): ParsedLink {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    throw new TypeError('That is not a SecretSentry link.');
  }
  const match = /^(.*)\/(s|m)\/([A-Za-z0-9_-]{22})\/?$/.exec(url.pathname);
  const credential = url.hash.replace(/^#/, '');
  if (!match || (credential === '' && !options.keyless)) {
    throw new TypeError('That is not a complete SecretSentry link (it needs the part after #).');
  }
  return {
    kind: match[2] === 's' ? 'secret' : 'manage',
    origin: url.origin + (match[1] ?? ''),
    id: match[3] ?? '',
    credential,
  };
}
