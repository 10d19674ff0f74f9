// Which webhook URLs the service will POST to: https to a host that is, and resolves only to, public
// addresses. A sender chooses the URL, so without this a read could make the service call its own
// metadata endpoint or the VPC's private ranges for them (SSRF).
import { BlockList, isIP } from 'node:net';
import { promises as dns } from 'node:dns';
import { InvalidRequestError } from './errors.ts';

/** Longer URLs are refused at create, so a stored one never grows an item or a queue message much. */
export const MAX_WEBHOOK_URL_CHARS = 2048;

export type WebhookUrlReason =
  'not_url' | 'too_long' | 'not_https' | 'credentials' | 'fragment' | 'not_public' | 'unresolvable';

/** One sentence per reason, fit for a 400 answer. None quotes the URL: its query may hold a token. */
const MESSAGES: Record<WebhookUrlReason, string> = {
  not_url: 'webhook.url: must be an absolute URL',
  too_long: `webhook.url: must be at most ${MAX_WEBHOOK_URL_CHARS} characters`,
  not_https: 'webhook.url: must be https',
  credentials: 'webhook.url: must not contain a username or password',
  fragment: 'webhook.url: must not contain a fragment (#)',
  not_public: 'webhook.url: host must be a public internet address',
  unresolvable: 'webhook.url: host does not resolve to an address',
};

/** A webhook URL the service will not call; an `invalid_request` when it reaches the API's edge. */
export class WebhookUrlError extends InvalidRequestError {
  readonly reason: WebhookUrlReason;
  constructor(reason: WebhookUrlReason) {
    super(MESSAGES[reason]);
    this.reason = reason;
  }
}

export interface WebhookTargetOptions {
  /** The local stack only: loopback hosts (and plain http to them) are allowed so tests can receive. */
  readonly allowLoopback?: boolean;
}

export interface LookupAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

export type WebhookLookup = (host: string) => Promise<readonly LookupAddress[]>;

export interface ResolveOptions extends WebhookTargetOptions {
  /** Resolves a name to all its addresses; `dns.promises.lookup` unless replaced (tests). */
  readonly lookup?: WebhookLookup;
}

/** Where a delivery connects: the URL (Host and SNI) and the one checked address the socket is pinned to. */
export interface WebhookTarget {
  readonly url: URL;
  readonly address: string;
  readonly family: 4 | 6;
}

// Special-purpose IPv4 ranges (IANA registry) that are not globally reachable, and the cloud metadata
// address inside 169.254/16. 255.255.255.255 is inside 240/4.
const BLOCKED_V4: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24], // the deprecated 6to4 relay anycast
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

// Inside 2000::/3 (the only global unicast space, required below) these are still not a receiver's:
// 2001::/23 holds Teredo and other protocol assignments, 2002::/16 is 6to4 (an IPv4 address tunnelled),
// 2001:db8::/32 and 3fff::/20 are documentation. The rest are listed for the reader; 2000::/3 excludes them.
const BLOCKED_V6: readonly (readonly [string, number])[] = [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local, AWS's fd00:ec2::254 metadata included
  ['fe80::', 10],
  ['ff00::', 8],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['3fff::', 20],
];

function blockList(v4: readonly (readonly [string, number])[], v6: typeof v4): BlockList {
  const list = new BlockList();
  for (const [network, prefix] of v4) list.addSubnet(network, prefix, 'ipv4');
  for (const [network, prefix] of v6) list.addSubnet(network, prefix, 'ipv6');
  return list;
}

const BLOCKED = blockList(BLOCKED_V4, BLOCKED_V6);
const GLOBAL_UNICAST_V6 = blockList([], [['2000::', 3]]);
const LOOPBACK = blockList([['127.0.0.0', 8]], [['::1', 128]]);

/** `[::1]` (a URL's hostname) as `::1`; anything else unchanged. Brackets are for IPv6 only. */
function unbracket(host: string): string {
  const inner = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : undefined;
  return inner !== undefined && isIP(inner) === 6 ? inner : host;
}

/** The eight 16-bit groups of a valid IPv6 address (no zone), its dotted-quad tail included. */
function ipv6Groups(ip: string): number[] {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  let text = ip;
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${ip.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * The IPv4 address an IPv6 one stands for, where connecting to it reaches that IPv4 address:
 * IPv4-mapped `::ffff:a.b.c.d` (a dual-stack socket) and NAT64 `64:ff9b::a.b.c.d`.
 */
function embeddedIPv4(ip: string): string | undefined {
  const g = ipv6Groups(ip);
  const mapped =
    g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff;
  const nat64 =
    g[0] === 0x64 && g[1] === 0xff9b && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0;
  if (!mapped && !nat64) return undefined;
  const high = g[6] ?? 0;
  const low = g[7] ?? 0;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** True only for a valid IP address (IPv6 optionally in brackets) that is globally reachable. */
export function isPublicAddress(ip: string): boolean {
  const bare = unbracket(ip);
  switch (isIP(bare)) {
    case 4:
      return !BLOCKED.check(bare, 'ipv4');
    case 6: {
      // A zone id makes the address link-scoped, whatever it is.
      if (bare.includes('%')) return false;
      const v4 = embeddedIPv4(bare);
      if (v4 !== undefined) return isPublicAddress(v4);
      return GLOBAL_UNICAST_V6.check(bare, 'ipv6') && !BLOCKED.check(bare, 'ipv6');
    }
    default:
      return false;
  }
}

function isLoopbackAddress(ip: string): boolean {
  const bare = unbracket(ip);
  const family = isIP(bare);
  if (family === 0 || bare.includes('%')) return false;
  const v4 = family === 6 ? embeddedIPv4(bare) : undefined;
  if (v4 !== undefined) return LOOPBACK.check(v4, 'ipv4');
  return LOOPBACK.check(bare, family === 6 ? 'ipv6' : 'ipv4');
}

/** `localhost` and its subdomains always mean this machine (RFC 6761), whatever DNS says. */
const isLocalhostName = (host: string): boolean =>
  /^(?:[^.]+\.)*localhost\.?$/.test(host.toLowerCase());

function isAllowedAddress(ip: string, options: WebhookTargetOptions): boolean {
  return isPublicAddress(ip) || (options.allowLoopback === true && isLoopbackAddress(ip));
}

/** Plain http only to this machine, and only where loopback is allowed at all. */
function allowsPlainHttp(host: string, options: WebhookTargetOptions): boolean {
  return options.allowLoopback === true && (isLoopbackAddress(host) || isLocalhostName(host));
}

/** A host that is an IP address and so needs no resolving, unbracketed; else undefined. */
function ipLiteral(host: string): string | undefined {
  const bare = unbracket(host);
  return isIP(bare) === 0 ? undefined : bare;
}

/** Any ASCII control character or space, which the URL parser would silently drop or trim. */
const UNPRINTABLE = /[^\u0021-\u007e\u0080-\uffff]/;

/**
 * The URL a sender gave, parsed, or a {@link WebhookUrlError}. Synchronous: no DNS here (see
 * {@link resolveWebhookTarget}); only hosts whose answer is known without it (IP literals, localhost)
 * are refused as not public.
 */
export function checkWebhookUrl(text: string, options: WebhookTargetOptions): URL {
  if (typeof text !== 'string') throw new WebhookUrlError('not_url');
  if (text.length > MAX_WEBHOOK_URL_CHARS) throw new WebhookUrlError('too_long');
  if (UNPRINTABLE.test(text) || !URL.canParse(text)) throw new WebhookUrlError('not_url');
  const url = new URL(text);
  // Percent-encoding can lengthen what is stored; the limit holds for that too.
  if (url.href.length > MAX_WEBHOOK_URL_CHARS) throw new WebhookUrlError('too_long');
  const plainHttpAllowed = url.protocol === 'http:' && allowsPlainHttp(url.hostname, options);
  if (url.protocol !== 'https:' && !plainHttpAllowed) throw new WebhookUrlError('not_https');
  // Unreachable for http(s), which the parser gives a host or refuses; kept so the rule is written.
  if (url.hostname === '') throw new WebhookUrlError('not_url');
  if (url.username !== '' || url.password !== '') throw new WebhookUrlError('credentials');
  // An empty fragment ("…/#") leaves `hash` empty but is still one.
  if (url.href.includes('#')) throw new WebhookUrlError('fragment');
  const literal = ipLiteral(url.hostname);
  const refusedLiteral = literal !== undefined && !isAllowedAddress(literal, options);
  const refusedName = isLocalhostName(url.hostname) && options.allowLoopback !== true;
  if (refusedLiteral || refusedName) throw new WebhookUrlError('not_public');
  return url;
}

const systemLookup: WebhookLookup = async (host) =>
  (await dns.lookup(host, { all: true, verbatim: true })).map(({ address }) => ({
    address,
    family: isIP(address) === 6 ? 6 : 4,
  }));

async function addressesOf(host: string, lookup: WebhookLookup): Promise<readonly LookupAddress[]> {
  const literal = ipLiteral(host);
  if (literal !== undefined) return [{ address: literal, family: isIP(literal) === 6 ? 6 : 4 }];
  try {
    return await lookup(host);
  } catch {
    throw new WebhookUrlError('unresolvable');
  }
}

/**
 * The address a delivery to `url` connects to. Every address the host resolves to must be allowed,
 * not just the first: a name that also answers a private address could be steered there by whoever
 * controls its DNS (rebinding). The caller pins the socket to the address returned.
 */
export async function resolveWebhookTarget(
  url: URL,
  options: ResolveOptions,
): Promise<WebhookTarget> {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WebhookUrlError('not_https');
  const addresses = await addressesOf(url.hostname, options.lookup ?? systemLookup);
  const first = addresses[0];
  if (first === undefined) throw new WebhookUrlError('unresolvable');
  if (!addresses.every(({ address }) => isAllowedAddress(address, options))) {
    throw new WebhookUrlError('not_public');
  }
  if (url.protocol === 'http:' && !addresses.every(({ address }) => isLoopbackAddress(address))) {
    throw new WebhookUrlError('not_https');
  }
  return { url, address: first.address, family: isIP(first.address) === 6 ? 6 : 4 };
}
