// Secret requests' cryptography (docs/design.md §2): an X25519 key pair made by the requester, a fill
// encrypted to it as JWE ECDH-ES+A256KW / A256GCM that an independent implementation (node:crypto by
// hand, per RFC 7518 §4.6) opens, the server's shape check, and the opener's refusals.
import { describe, expect, it } from '@jest/globals';
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  randomBytes,
} from 'node:crypto';
import { CompactEncrypt } from 'jose';
import {
  checkRequestKey,
  deriveFillToken,
  deriveReadToken,
  newRequestKeys,
  openRequestFill,
  parseKey,
  parsePublicKey,
  requestKeyId,
  sealForRequest,
} from '../../core/envelope.ts';
import { jweProblem, requestJweKeyId, requestJweProblem } from '../../core/jwe.ts';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const utf8 = (text: string) => new TextEncoder().encode(text);
const X25519_PKCS8 = Buffer.from('302e020100300506032b656e04220420', 'hex');

const privateKeyOf = (d: string) =>
  createPrivateKey({
    key: Buffer.concat([X25519_PKCS8, Buffer.from(d, 'base64url')]),
    format: 'der',
    type: 'pkcs8',
  });

/** RFC 7518 §4.6.2's Concat KDF for ECDH-ES+A256KW, with no PartyUInfo or PartyVInfo. */
function concatKdf(z: Buffer, algorithm: string): Buffer {
  const lengthPrefixed = (data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, data]);
  };
  const suppPubInfo = Buffer.alloc(4);
  suppPubInfo.writeUInt32BE(256);
  const otherInfo = Buffer.concat([
    lengthPrefixed(Buffer.from(algorithm)),
    lengthPrefixed(Buffer.alloc(0)),
    lengthPrefixed(Buffer.alloc(0)),
    suppPubInfo,
  ]);
  return createHash('sha256')
    .update(Buffer.from([0, 0, 0, 1]))
    .update(z)
    .update(otherInfo)
    .digest();
}

/** Opens a fill with node:crypto alone: X25519, Concat KDF, AES key unwrap, AES-256-GCM. */
function openByHand(jwe: string, d: string): string {
  const [header = '', wrapped = '', iv = '', ciphertext = '', tag = ''] = jwe.split('.');
  const protectedHeader = JSON.parse(Buffer.from(header, 'base64url').toString()) as {
    alg: string;
    epk: { kty: string; crv: string; x: string };
  };
  const z = diffieHellman({
    privateKey: privateKeyOf(d),
    publicKey: createPublicKey({ key: protectedHeader.epk, format: 'jwk' }),
  });
  const kek = concatKdf(z, protectedHeader.alg);
  const unwrap = createDecipheriv('id-aes256-wrap', kek, Buffer.from('A6A6A6A6A6A6A6A6', 'hex'));
  const cek = Buffer.concat([unwrap.update(Buffer.from(wrapped, 'base64url')), unwrap.final()]);
  const gcm = createDecipheriv('aes-256-gcm', cek, Buffer.from(iv, 'base64url'));
  gcm.setAAD(Buffer.from(header, 'ascii'));
  gcm.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([gcm.update(Buffer.from(ciphertext, 'base64url')), gcm.final()]).toString();
}

describe('a request key pair', () => {
  it('gives 32-byte keys, the read token of the private key and the fill token of the public one', async () => {
    const keys = await newRequestKeys();
    expect(parseKey(keys.key)).toHaveLength(32);
    expect(parsePublicKey(keys.publicKey)).toHaveLength(32);
    // The private key reads as K does: the retrieve link is a read link.
    expect(keys.readTokenHash).toBe((await deriveReadToken(parseKey(keys.key))).readTokenHash);
    expect(keys.fillTokenHash).toBe(
      (await deriveFillToken(parsePublicKey(keys.publicKey))).fillTokenHash,
    );
    expect(keys.fillTokenHash).not.toBe(keys.readTokenHash);
    // The public key is the private key's own (node derives it independently).
    const jwk = createPublicKey(privateKeyOf(keys.key)).export({ format: 'jwk' });
    expect(jwk.x).toBe(keys.publicKey);
    // keyId is RFC 7638's thumbprint: SHA-256 of the canonical public JWK.
    const canonical = `{"crv":"X25519","kty":"OKP","x":"${keys.publicKey}"}`;
    expect(keys.keyId).toBe(createHash('sha256').update(canonical).digest('base64url'));
  });

  it('draws a new pair every time', async () => {
    const [a, b] = await Promise.all([newRequestKeys(), newRequestKeys()]);
    expect(a.key).not.toBe(b.key);
    expect(a.publicKey).not.toBe(b.publicKey);
  });

  it('refuses a fill link key that is not 32 bytes', () => {
    expect(() => parsePublicKey(b64(randomBytes(31)))).toThrow(TypeError);
    expect(() => parsePublicKey('not base64url!')).toThrow();
  });
});

describe('a fill', () => {
  it('is a JWE ECDH-ES+A256KW/A256GCM to the key, naming it by kid, that node:crypto opens by hand', async () => {
    const keys = await newRequestKeys();
    const jwe = await sealForRequest(utf8('the database password'), keys.publicKey);
    const header = JSON.parse(Buffer.from(jwe.split('.')[0] ?? '', 'base64url').toString());
    expect(header).toEqual({
      alg: 'ECDH-ES+A256KW',
      enc: 'A256GCM',
      kid: keys.keyId,
      epk: { kty: 'OKP', crv: 'X25519', x: expect.any(String) },
    });
    expect(requestJweProblem(jwe)).toBeUndefined();
    expect(requestJweKeyId(jwe)).toBe(keys.keyId);
    // Not the secret kind's profile: the server tells the two apart.
    expect(jweProblem(jwe)).toBeDefined();
    expect(openByHand(jwe, keys.key)).toBe('the database password');
    expect(new TextDecoder().decode(await openRequestFill(jwe, parseKey(keys.key)))).toBe(
      'the database password',
    );
  });

  it('opens a fill made by another implementation (node:crypto by hand) too', async () => {
    const keys = await newRequestKeys();
    const ephemeral = generateKeyPairSync('x25519');
    const epk = ephemeral.publicKey.export({ format: 'jwk' });
    const header = b64(
      Buffer.from(JSON.stringify({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', kid: keys.keyId, epk })),
    );
    const z = diffieHellman({
      privateKey: ephemeral.privateKey,
      publicKey: createPublicKey({
        key: { kty: 'OKP', crv: 'X25519', x: keys.publicKey },
        format: 'jwk',
      }),
    });
    const cek = randomBytes(32);
    const wrap = createCipheriv(
      'id-aes256-wrap',
      concatKdf(z, 'ECDH-ES+A256KW'),
      Buffer.from('A6A6A6A6A6A6A6A6', 'hex'),
    );
    const wrapped = Buffer.concat([wrap.update(cek), wrap.final()]);
    const iv = randomBytes(12);
    const gcm = createCipheriv('aes-256-gcm', cek, iv);
    gcm.setAAD(Buffer.from(header, 'ascii'));
    const ciphertext = Buffer.concat([gcm.update('made by hand'), gcm.final()]);
    const jwe = [header, b64(wrapped), b64(iv), b64(ciphertext), b64(gcm.getAuthTag())].join('.');
    expect(requestJweProblem(jwe)).toBeUndefined();
    expect(new TextDecoder().decode(await openRequestFill(jwe, parseKey(keys.key)))).toBe(
      'made by hand',
    );
  });

  it('is refused by the opener when encrypted to another key, or in another profile', async () => {
    const mine = await newRequestKeys();
    const theirs = await newRequestKeys();
    const toThem = await sealForRequest(utf8('x'), theirs.publicKey);
    await expect(openRequestFill(toThem, parseKey(mine.key))).rejects.toThrow('another key');
    // The right kid on a JWE to another key: the kid check passes, decryption does not.
    const forged = await new CompactEncrypt(utf8('x'))
      .setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', kid: mine.keyId })
      .encrypt(
        createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: theirs.publicKey }, format: 'jwk' }),
      );
    await expect(openRequestFill(forged, parseKey(mine.key))).rejects.toThrow();
    const dir = await new CompactEncrypt(utf8('x'))
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .encrypt(parseKey(mine.key));
    await expect(openRequestFill(dir, parseKey(mine.key))).rejects.toThrow('protected header');
  });
});

describe("the server's check of a fill", () => {
  const part = (value: unknown) => b64(Buffer.from(JSON.stringify(value)));
  const epk = { kty: 'OKP', crv: 'X25519', x: b64(randomBytes(32)) };
  const kid = b64(randomBytes(32));
  const rest = (wrappedBytes = 40) =>
    [
      b64(randomBytes(wrappedBytes)),
      b64(randomBytes(12)),
      b64(randomBytes(5)),
      b64(randomBytes(16)),
    ].join('.');
  const withHeader = (header: unknown, wrappedBytes?: number) =>
    `${part(header)}.${rest(wrappedBytes)}`;
  const good = { alg: 'ECDH-ES+A256KW', enc: 'A256GCM', kid, epk };

  it('accepts exactly the profile, members in any order', () => {
    expect(requestJweProblem(withHeader(good))).toBeUndefined();
    expect(
      requestJweProblem(
        withHeader({
          epk: { x: epk.x, kty: 'OKP', crv: 'X25519' },
          kid,
          enc: 'A256GCM',
          alg: 'ECDH-ES+A256KW',
        }),
      ),
    ).toBeUndefined();
  });

  it.each([
    ['another alg', { ...good, alg: 'ECDH-ES' }],
    ['another enc', { ...good, enc: 'A128GCM' }],
    ['no kid', { alg: good.alg, enc: good.enc, epk }],
    ['a kid that is no thumbprint', { ...good, kid: 'key-1' }],
    ['no epk', { alg: good.alg, enc: good.enc, kid }],
    ['a P-256 epk', { ...good, epk: { kty: 'EC', crv: 'P-256', x: epk.x, y: epk.x } }],
    ['an epk of 31 bytes', { ...good, epk: { ...epk, x: b64(randomBytes(31)) } }],
    ['an epk with a private part', { ...good, epk: { ...epk, d: epk.x } }],
    ['a zip', { ...good, zip: 'DEF' }],
    ['a crit', { ...good, crit: ['exp'] }],
  ])('refuses %s', (_, header) => {
    expect(requestJweProblem(withHeader(header))).toMatch(/protected header/);
  });

  it('refuses a wrapped key of another size, an empty ciphertext and the dir profile', async () => {
    expect(requestJweProblem(withHeader(good, 32))).toMatch(/40-byte wrapped key/);
    const [h, w, iv, , tag] = withHeader(good).split('.');
    expect(requestJweProblem([h, w, iv, '', tag].join('.'))).toBe('must not be empty');
    const dir = await new CompactEncrypt(utf8('x'))
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .encrypt(new Uint8Array(32));
    expect(requestJweProblem(dir)).toMatch(/protected header/);
  });

  it('names the key of a fill, or nothing for a header without a fitting kid', async () => {
    const keys = await newRequestKeys();
    expect(requestJweKeyId(await sealForRequest(utf8('x'), keys.publicKey))).toBe(keys.keyId);
    expect(requestJweKeyId(withHeader({ ...good, kid: 'short' }))).toBeUndefined();
    expect(requestJweKeyId('not a jwe')).toBeUndefined();
    expect(await requestKeyId(keys.publicKey)).toBe(keys.keyId);
  });
});

describe('a fill link key', () => {
  it('is refused as a TypeError when no key agreement works with it (low-order points)', async () => {
    const keys = await newRequestKeys();
    await expect(checkRequestKey(keys.publicKey)).resolves.toBeUndefined();
    // 0 and 1 are low-order points of Curve25519: X25519 with them gives the all-zero secret.
    const zero = b64(new Uint8Array(32));
    const one = b64(Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 1 : 0)));
    for (const weak of [zero, one]) await expect(checkRequestKey(weak)).rejects.toThrow(TypeError);
    await expect(checkRequestKey(b64(new Uint8Array(31)))).rejects.toThrow(TypeError);
  });
});
