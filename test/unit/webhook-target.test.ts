// Which webhook URLs and addresses the service refuses to call (SSRF), without any network: lookups
// are injected.
import { describe, expect, it } from '@jest/globals';
import {
  checkWebhookUrl,
  isPublicAddress,
  resolveWebhookTarget,
  WebhookUrlError,
  type LookupAddress,
  type WebhookUrlReason,
} from '../../lambdas/common/webhook-target.ts';
import { ApiError } from '../../lambdas/common/errors.ts';

/** What `act` threw, which must be a WebhookUrlError. */
function urlError(act: () => unknown): WebhookUrlError {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookUrlError);
    return error as WebhookUrlError;
  }
  throw new Error('expected a WebhookUrlError, nothing was thrown');
}

async function rejection(work: Promise<unknown>): Promise<WebhookUrlError> {
  const error: unknown = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebhookUrlError);
  return error as WebhookUrlError;
}

const answers =
  (...addresses: string[]) =>
  async (): Promise<LookupAddress[]> =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('checkWebhookUrl', () => {
  it('accepts an https URL with a public name, a port, a path and a query', () => {
    const url = checkWebhookUrl('https://hooks.example.com:8443/in/abc?token=t0ken', {});
    expect(url.hostname).toBe('hooks.example.com');
    expect(url.search).toBe('?token=t0ken');
  });

  it.each<[string, WebhookUrlReason, string]>([
    ['not a URL', 'not_url', 'hooks.example.com/in'],
    ['a relative URL', 'not_url', '/in'],
    ['a URL with spaces around it', 'not_url', ' https://hooks.example.com/in'],
    ['a URL with a tab inside', 'not_url', 'https://hooks.example.com/\tin'],
    ['plain http', 'not_https', 'http://hooks.example.com/in'],
    ['plain http to loopback', 'not_https', 'http://127.0.0.1:8080/in'],
    ['another scheme', 'not_https', 'ftp://hooks.example.com/in'],
    ['a javascript: URL', 'not_https', 'javascript:alert(1)'],
    ['a username', 'credentials', 'https://user@hooks.example.com/in'],
    ['a username and password', 'credentials', 'https://user:pass@hooks.example.com/in'],
    ['a fragment', 'fragment', 'https://hooks.example.com/in#part'],
    ['an empty fragment', 'fragment', 'https://hooks.example.com/in#'],
    ['a private IP literal', 'not_public', 'https://10.0.0.8/in'],
    ['the metadata address', 'not_public', 'https://169.254.169.254/latest/meta-data'],
    ['loopback in hex', 'not_public', 'https://0x7f.1/in'],
    ['loopback as one number', 'not_public', 'https://2130706433/in'],
    ['an IPv6 loopback literal', 'not_public', 'https://[::1]/in'],
    ['an IPv4-mapped loopback literal', 'not_public', 'https://[::ffff:127.0.0.1]/in'],
    ['localhost', 'not_public', 'https://localhost/in'],
    ['a subdomain of localhost', 'not_public', 'https://hooks.localhost./in'],
  ])('refuses %s', (_what, reason, text) => {
    expect(urlError(() => checkWebhookUrl(text, {})).reason).toBe(reason);
  });

  it('refuses a URL longer than 2048 characters, and accepts one of exactly 2048', () => {
    const base = 'https://hooks.example.com/';
    const exactly = base + 'a'.repeat(2048 - base.length);
    expect(checkWebhookUrl(exactly, {}).href).toBe(exactly);
    expect(urlError(() => checkWebhookUrl(exactly + 'a', {})).reason).toBe('too_long');
  });

  it('refuses a URL that percent-encoding lengthens past 2048 characters', () => {
    const text = 'https://hooks.example.com/' + 'é'.repeat(1000);
    expect(urlError(() => checkWebhookUrl(text, {})).reason).toBe('too_long');
  });

  it('says what is wrong in one sentence that never quotes the URL', () => {
    const error = urlError(() => checkWebhookUrl('http://hooks.example.com/in?token=s3cr3t', {}));
    expect(error.message).toBe('webhook.url: must be https');
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    const tooLong = urlError(() =>
      checkWebhookUrl(`https://a.example/?t=${'s3cr3t'.repeat(400)}`, {}),
    );
    expect(tooLong.message).not.toContain('s3cr3t');
  });

  it('allows loopback hosts, and plain http to them, only with allowLoopback', () => {
    const options = { allowLoopback: true };
    expect(checkWebhookUrl('http://127.0.0.1:8080/in', options).port).toBe('8080');
    expect(checkWebhookUrl('http://localhost:8080/in', options).hostname).toBe('localhost');
    expect(checkWebhookUrl('http://[::1]:8080/in', options).hostname).toBe('[::1]');
    expect(checkWebhookUrl('https://127.0.0.1/in', options).protocol).toBe('https:');
  });

  it('refuses plain http to anything but loopback even with allowLoopback', () => {
    const options = { allowLoopback: true };
    expect(urlError(() => checkWebhookUrl('http://hooks.example.com/', options)).reason).toBe(
      'not_https',
    );
    expect(urlError(() => checkWebhookUrl('http://10.0.0.8/', options)).reason).toBe('not_https');
  });

  it('refuses private addresses even with allowLoopback', () => {
    const error = urlError(() => checkWebhookUrl('https://192.168.1.1/', { allowLoopback: true }));
    expect(error.reason).toBe('not_public');
  });
});

describe('isPublicAddress', () => {
  it.each([
    ['0.0.0.0', 'this network'],
    ['0.255.255.255', 'this network'],
    ['10.1.2.3', 'private 10/8'],
    ['100.64.0.1', 'CGNAT'],
    ['100.127.255.254', 'CGNAT'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.255', 'loopback'],
    ['169.254.169.254', 'metadata'],
    ['169.254.0.1', 'link-local'],
    ['172.16.0.1', 'private 172.16/12'],
    ['172.31.255.255', 'private 172.16/12'],
    ['192.0.0.8', 'IETF protocol assignments'],
    ['192.0.2.1', 'TEST-NET-1'],
    ['192.88.99.1', '6to4 relay'],
    ['192.168.0.1', 'private 192.168/16'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['198.51.100.7', 'TEST-NET-2'],
    ['203.0.113.9', 'TEST-NET-3'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback in brackets'],
    ['fc00::1', 'unique local'],
    ['fd00:ec2::254', 'AWS metadata'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local with a zone'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['2001::1', 'Teredo'],
    ['2002:7f00:1::1', '6to4'],
    ['3fff::1', 'documentation (2024)'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback in hex'],
    ['[::ffff:169.254.169.254]', 'IPv4-mapped metadata in brackets'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['64:ff9b::127.0.0.1', 'NAT64 of loopback'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 of metadata'],
    ['64:ff9b:1::808:808', 'local-use NAT64'],
    ['::127.0.0.1', 'IPv4-compatible (deprecated)'],
    ['100::1', 'discard-only'],
    ['', 'empty'],
    ['localhost', 'a name'],
    ['8.8.8', 'not an address'],
    ['010.0.0.1', 'octal-looking'],
    ['1.2.3.4.5', 'too many parts'],
    ['[8.8.8.8]', 'IPv4 in brackets'],
  ])('refuses %s (%s)', (ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.215.14',
    '100.63.255.255',
    '100.128.0.0',
    '172.15.255.255',
    '172.32.0.0',
    '198.17.255.255',
    '198.20.0.0',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '[2606:4700:4700::1111]',
    '2a00:1450:4001:80b::200e',
    '::ffff:8.8.8.8',
    '::ffff:808:808',
    '64:ff9b::1.1.1.1',
    '64:ff9b::808:808',
  ])('accepts %s', (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });
});

describe('resolveWebhookTarget', () => {
  const url = new URL('https://hooks.example.com/in');

  it('returns the first address when every address is public', async () => {
    const lookup = answers('2606:4700:4700::1111', '1.1.1.1');
    const target = await resolveWebhookTarget(url, { lookup });
    expect(target).toEqual({ url, address: '2606:4700:4700::1111', family: 6 });
  });

  it('refuses a name with one private address among public ones', async () => {
    const lookup = answers('1.1.1.1', '10.0.0.8', '8.8.8.8');
    expect((await rejection(resolveWebhookTarget(url, { lookup }))).reason).toBe('not_public');
  });

  it('refuses a name that resolves to nothing', async () => {
    const error = await rejection(resolveWebhookTarget(url, { lookup: answers() }));
    expect(error.reason).toBe('unresolvable');
  });

  it('refuses a name whose lookup fails, without passing on the lookup error', async () => {
    const lookup = () => Promise.reject(new Error('getaddrinfo ENOTFOUND hooks.example.com'));
    const error = await rejection(resolveWebhookTarget(url, { lookup }));
    expect(error.reason).toBe('unresolvable');
    expect(error.message).not.toContain('hooks.example.com');
  });

  it('refuses a name that resolves to loopback unless allowLoopback', async () => {
    const lookup = answers('127.0.0.1');
    expect((await rejection(resolveWebhookTarget(url, { lookup }))).reason).toBe('not_public');
    const target = await resolveWebhookTarget(url, { lookup, allowLoopback: true });
    expect(target.address).toBe('127.0.0.1');
  });

  it('allows loopback but nothing else non-public with allowLoopback', async () => {
    const lookup = answers('127.0.0.1', '169.254.169.254');
    const error = await rejection(resolveWebhookTarget(url, { lookup, allowLoopback: true }));
    expect(error.reason).toBe('not_public');
  });

  it('checks an IP literal itself, without a lookup', async () => {
    const lookup = () => Promise.reject(new Error('no lookup expected'));
    const v6 = await resolveWebhookTarget(new URL('https://[2606:4700:4700::1111]/'), { lookup });
    expect(v6).toMatchObject({ address: '2606:4700:4700::1111', family: 6 });
    const metadata = resolveWebhookTarget(new URL('https://169.254.169.254/'), { lookup });
    expect((await rejection(metadata)).reason).toBe('not_public');
  });

  it('refuses plain http to a name that resolves to anything but loopback', async () => {
    const httpUrl = new URL('http://localhost:8080/in');
    const lookup = answers('1.1.1.1');
    const error = await rejection(resolveWebhookTarget(httpUrl, { lookup, allowLoopback: true }));
    expect(error.reason).toBe('not_https');
  });
});
