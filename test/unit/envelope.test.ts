import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { errors } from 'jose';
import { readFileSync } from 'node:fs';
import { fromBase64url, toBase64url } from '../../core/base64url.ts';
import { passphraseParams } from '../../core/contract.ts';
import {
  DEFAULT_ITERATIONS,
  KdfParamsError,
  LABELS,
  checkKdfParams,
  deriveReadToken,
  derivePassphraseKeys,
  encryptJwe,
  hkdf,
  open,
  parseKey,
  seal,
  sha256,
  stretchPassphrase,
  unlock,
  deriveFillToken,
  deriveRecipientReadToken,
  linkReadToken,
  parseLinkSecret,
} from '../../core/envelope.ts';
import { LIMITS } from '../../core/limits.ts';
import { handMadeJwe } from '../helpers/handMadeJwe.ts';

interface Vectors {
  labels: typeof LABELS;
  hkdf: { ikm: string; info: string; okm: string }[];
  readTokens: { key: string; readToken: string; readTokenHash: string }[];
  recipientTokens: {
    key: string;
    recipientToken: string;
    readToken: string;
    readTokenHash: string;
  }[];
  fillTokens: { publicKey: string; fillToken: string; fillTokenHash: string }[];
  passphrase: {
    key: string;
    passphrase: string;
    salt: string;
    iterations: number;
    stretched: string;
    contentKey: string;
    verifier: string;
    verifierHash: string;
    plaintext: string;
    jwe: string;
  }[];
  jwe: { key: string; plaintext: string; jwe: string }[];
}

const vectors = JSON.parse(
  readFileSync(new URL('../fixtures/vectors.json', import.meta.url), 'utf8'),
) as Vectors;
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const key = (b64: string) => fromBase64url(b64);
/** Low iteration count for property runs; the real count is pinned by its own vector. */
const FAST = 1000;

/** Replaces one base64url part of a compact JWE (0 header … 4 tag) with flipped bytes. */
function tamper(jwe: string, part: number, mutate: (bytes: Uint8Array) => Uint8Array): string {
  const parts = jwe.split('.');
  parts[part] = toBase64url(mutate(fromBase64url(parts[part] ?? '')));
  return parts.join('.');
}
const flipFirstBit = (bytes: Uint8Array) => {
  const copy = Uint8Array.from(bytes);
  copy[0] = (copy[0] ?? 0) ^ 1;
  return copy;
};

describe('the envelope round trip', () => {
  it('opens what it sealed, for any text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 200 }), async (secret) => {
        const sealed = await seal(secret);
        const opened = await open(sealed.ciphertext, parseKey(sealed.key));
        expect(text(opened)).toBe(secret);
      }),
      { numRuns: 60 },
    );
  });

  it('opens what it sealed, for any bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), async (secret) => {
        const sealed = await seal(secret);
        expect(await open(sealed.ciphertext, parseKey(sealed.key))).toEqual(secret);
      }),
      { numRuns: 60 },
    );
  });

  it('opens a passphrase-protected secret only with K and the passphrase together', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 80 }),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }),
        async (secret, passphrase) => {
          const sealed = await seal(secret, { passphrase, iterations: FAST });
          const k = parseKey(sealed.key);
          const { salt, iterations, verifierHash } = sealed.passphrase!;
          const derived = await derivePassphraseKeys(
            k,
            passphrase,
            fromBase64url(salt),
            iterations,
          );
          expect(text(await open(sealed.ciphertext, k, derived.contentKey))).toBe(secret);
          expect(derived.verifierHash).toBe(verifierHash);
          await expect(open(sealed.ciphertext, k)).rejects.toBeInstanceOf(
            errors.JWEDecryptionFailed,
          );
        },
      ),
      { numRuns: 25 },
    );
  });

  it('gives every secret its own key, read token and ciphertext', async () => {
    const [a, b] = await Promise.all([seal('same'), seal('same')]);
    expect(a.key).not.toBe(b.key);
    expect(a.readToken).not.toBe(b.readToken);
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });

  it('draws a fresh random 96-bit IV for every JWE, even for the same plaintext and key', async () => {
    const contentKey = new Uint8Array(32).fill(7);
    const plaintext = new TextEncoder().encode('fixture: same message twice');
    const ivOf = (jwe: string) => fromBase64url(jwe.split('.')[2] ?? '');

    const first = await encryptJwe(plaintext, contentKey);
    const second = await encryptJwe(plaintext, contentKey);

    expect(ivOf(first)).toHaveLength(12);
    expect(ivOf(second)).toHaveLength(12);
    expect(hex(ivOf(first))).not.toBe(hex(ivOf(second)));
  });

  it('produces exactly the dir/A256GCM profile, with no zip', async () => {
    const sealed = await seal('profile');
    const header = JSON.parse(text(fromBase64url(sealed.ciphertext.split('.')[0] ?? ''))) as object;
    expect(header).toEqual({ alg: 'dir', enc: 'A256GCM' });
    expect(sealed.ciphertext.split('.')[1]).toBe('');
  });

  it('keeps K out of everything sent to the server', async () => {
    const sealed = await seal('out of band', { passphrase: 'pp', iterations: FAST });
    const sent = JSON.stringify({
      ciphertext: sealed.ciphertext,
      readTokenHash: sealed.readTokenHash,
      passphrase: sealed.passphrase,
    });
    expect(sent).not.toContain(sealed.key);
    expect(sent).not.toContain(sealed.readToken);
  });

  it('defaults to the OWASP iteration count for passphrases', async () => {
    expect(DEFAULT_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const sealed = await seal('slow on purpose', { passphrase: 'pp' });
    expect(sealed.passphrase?.iterations).toBe(DEFAULT_ITERATIONS);
    expect(fromBase64url(sealed.passphrase?.salt ?? '')).toHaveLength(16);
  });
});

describe('the derivations match the committed test vectors', () => {
  it('uses the labels the vectors were made with', () => {
    expect(LABELS).toEqual(vectors.labels);
  });

  it('matches RFC 5869 test case 3 (HKDF-SHA256, empty salt and info), first 32 bytes', async () => {
    const okm = await hkdf(new Uint8Array(22).fill(0x0b), '');
    expect(hex(okm)).toBe('8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d');
  });

  it('matches the published PBKDF2-HMAC-SHA256 vector ("password", "salt", 1 iteration)', async () => {
    const stretched = await stretchPassphrase('password', new TextEncoder().encode('salt'), 1);
    expect(hex(stretched)).toBe('120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b');
  });

  it.each(vectors.hkdf)('derives HKDF output for "$info"', async ({ ikm, info, okm }) => {
    expect(toBase64url(await hkdf(key(ikm), info))).toBe(okm);
  });

  it.each(vectors.readTokens)('derives the read token and its hash from K $key', async (v) => {
    const derived = await deriveReadToken(key(v.key));
    expect(derived).toEqual({ readToken: v.readToken, readTokenHash: v.readTokenHash });
    expect(toBase64url(await sha256(fromBase64url(derived.readToken)))).toBe(v.readTokenHash);
  });

  it.each(vectors.recipientTokens)(
    "derives one recipient's read token from K $key and its link's own t, as the link K.t gives it",
    async (v) => {
      const derived = await deriveRecipientReadToken(key(v.key), key(v.recipientToken));
      expect(derived).toEqual({ readToken: v.readToken, readTokenHash: v.readTokenHash });
      const fromLink = await linkReadToken(parseLinkSecret(`${v.key}.${v.recipientToken}`));
      expect(fromLink).toEqual(derived);
      // Never the token of K alone, which every recipient holds.
      expect(derived.readToken).not.toBe((await deriveReadToken(key(v.key))).readToken);
    },
  );

  it.each(vectors.fillTokens)('derives the fill token of a request key $publicKey', async (v) => {
    expect(await deriveFillToken(key(v.publicKey))).toEqual({
      fillToken: v.fillToken,
      fillTokenHash: v.fillTokenHash,
    });
  });

  it('parses a link fragment K or K.t, refusing anything else', () => {
    const k = toBase64url(new Uint8Array(32).fill(7));
    expect(parseLinkSecret(k).recipientToken).toBeUndefined();
    expect(parseLinkSecret(`#${k}.${k}`).recipientToken).toHaveLength(32);
    for (const bad of [`${k}.`, `${k}.${k}.${k}`, `${k}.AAAA`, k.slice(1), `${k.slice(1)}.${k}`])
      expect(() => parseLinkSecret(bad)).toThrow();
  });

  it.each(vectors.passphrase)(
    'derives the stretched passphrase, content key and verifier at $iterations iterations',
    async (v) => {
      const salt = key(v.salt);
      expect(toBase64url(await stretchPassphrase(v.passphrase, salt, v.iterations))).toBe(
        v.stretched,
      );
      const derived = await derivePassphraseKeys(key(v.key), v.passphrase, salt, v.iterations);
      expect(toBase64url(derived.contentKey)).toBe(v.contentKey);
      expect(derived.verifier).toBe(v.verifier);
      expect(derived.verifierHash).toBe(v.verifierHash);
    },
  );

  it('normalises the passphrase to NFC, so a decomposed "é" derives the same keys', async () => {
    const v = vectors.passphrase.find((p) => p.passphrase.includes('\u00e9'))!;
    const decomposed = v.passphrase.normalize('NFD');
    expect(decomposed).not.toBe(v.passphrase);
    const derived = await derivePassphraseKeys(key(v.key), decomposed, key(v.salt), v.iterations);
    expect(derived.verifier).toBe(v.verifier);
  });
});

describe('interoperability with another JOSE implementation', () => {
  it.each(vectors.jwe)(
    'decrypts a hand-made Node-crypto JWE with K alone: "$plaintext"',
    async (v) => {
      expect(text(await open(v.jwe, parseKey(v.key)))).toBe(v.plaintext);
    },
  );

  it.each(vectors.passphrase)(
    'decrypts a hand-made JWE under the passphrase content key',
    async (v) => {
      const k = key(v.key);
      const derived = await derivePassphraseKeys(k, v.passphrase, key(v.salt), v.iterations);
      expect(text(await open(v.jwe, k, derived.contentKey))).toBe(v.plaintext);
    },
  );
});

describe('tampered or wrong input fails cleanly', () => {
  const v = vectors.jwe[0]!;
  const k = parseKey(v.key);

  it.each([
    ['the authentication tag', 4],
    ['the IV', 2],
    ['the ciphertext', 3],
  ])('rejects a flipped bit in %s', async (_what, part) => {
    await expect(open(tamper(v.jwe, part, flipFirstBit), k)).rejects.toBeInstanceOf(
      errors.JWEDecryptionFailed,
    );
  });

  it('rejects a truncated tag', async () => {
    await expect(
      open(
        tamper(v.jwe, 4, (b) => b.slice(0, 12)),
        k,
      ),
    ).rejects.toBeInstanceOf(errors.JOSEError);
  });

  it('rejects a header changed to the same meaning in other bytes (it is the AAD)', async () => {
    const header = toBase64url(new TextEncoder().encode('{"enc":"A256GCM","alg":"dir"}'));
    const changed = [header, ...v.jwe.split('.').slice(1)].join('.');
    await expect(open(changed, k)).rejects.toBeInstanceOf(errors.JWEDecryptionFailed);
  });

  it.each([
    ['another alg', { alg: 'A256KW', enc: 'A256GCM' }],
    ['another enc', { alg: 'dir', enc: 'A128GCM' }],
    ['compression', { alg: 'dir', enc: 'A256GCM', zip: 'DEF' }],
  ])('refuses a header with %s', async (_what, header) => {
    const changed = [
      toBase64url(new TextEncoder().encode(JSON.stringify(header))),
      ...v.jwe.split('.').slice(1),
    ].join('.');
    await expect(open(changed, k)).rejects.toBeInstanceOf(errors.JOSEError);
  });

  it('rejects the wrong key, for any other key', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 32, maxLength: 32 }), async (other) => {
        fc.pre(hex(other) !== hex(k));
        await expect(open(v.jwe, other)).rejects.toBeInstanceOf(errors.JWEDecryptionFailed);
      }),
      { numRuns: 30 },
    );
  });

  it('rejects a protected secret opened with the wrong passphrase', async () => {
    const p = vectors.passphrase[1]!;
    const wrong = await derivePassphraseKeys(
      key(p.key),
      `${p.passphrase}!`,
      key(p.salt),
      p.iterations,
    );
    expect(wrong.verifierHash).not.toBe(p.verifierHash);
    await expect(open(p.jwe, key(p.key), wrong.contentKey)).rejects.toBeInstanceOf(
      errors.JWEDecryptionFailed,
    );
  });

  it.each(['', 'abc', '#' + 'A'.repeat(42), 'A'.repeat(44), 'a+b/' + 'A'.repeat(39)])(
    'refuses a link key that is not 32 bytes of base64url: "%s"',
    (fragment) => {
      expect(() => parseKey(fragment)).toThrow(TypeError);
    },
  );

  it('accepts the key with or without its leading #', () => {
    const b64 = toBase64url(k);
    expect(parseKey(`#${b64}`)).toEqual(k);
    expect(parseKey(b64)).toEqual(k);
  });
});

describe('decryption opens only what the server would store', () => {
  const k = new Uint8Array(32).fill(9);
  const PROFILE = { alg: 'dir', enc: 'A256GCM' };

  it('opens a hand-made JWE with the profile header, in either member order', async () => {
    const ordered = handMadeJwe(k, PROFILE, 'fixture: profile');
    const reordered = handMadeJwe(k, { enc: 'A256GCM', alg: 'dir' }, 'fixture: reordered');

    expect(text(await open(ordered, k))).toBe('fixture: profile');
    expect(text(await open(reordered, k))).toBe('fixture: reordered');
  });

  it.each([
    ['a compressed payload (zip: DEF)', { ...PROFILE, zip: 'DEF' }, { deflate: true }],
    ['a key id', { ...PROFILE, kid: 'fixture-kid' }, {}],
    ['a content type', { ...PROFILE, cty: 'text/plain' }, {}],
    ['a critical extension', { ...PROFILE, crit: ['exp'], exp: 1 }, {}],
  ])('refuses a JWE that decrypts but carries %s', async (_what, header, options) => {
    const jwe = handMadeJwe(k, header, 'fixture: smuggled', options);

    await expect(open(jwe, k)).rejects.toBeInstanceOf(errors.JWEInvalid);
  });

  it('refuses a compressed payload even where jose would inflate it (small, within its limit)', async () => {
    const jwe = handMadeJwe(k, { ...PROFILE, zip: 'DEF' }, 'a'.repeat(10_000), { deflate: true });

    await expect(open(jwe, k)).rejects.toThrow(/exactly the protected header/);
  });
});

describe('passphrase parameters from meta', () => {
  const saltOf = (bytes: number) => toBase64url(new Uint8Array(bytes).fill(1));
  const within = { salt: saltOf(16), iterations: LIMITS.minIterations };
  const cases: [string, { salt: string; iterations: number }, boolean][] = [
    ['the smallest salt and count', within, true],
    ['the largest salt and count', { salt: saltOf(64), iterations: LIMITS.maxIterations }, true],
    ['a 15-byte salt', { ...within, salt: saltOf(15) }, false],
    ['a 65-byte salt', { ...within, salt: saltOf(65) }, false],
    ['an empty salt', { ...within, salt: '' }, false],
    ['a salt that is not canonical base64url', { ...within, salt: `${saltOf(16)}=` }, false],
    ['one iteration too few', { ...within, iterations: LIMITS.minIterations - 1 }, false],
    ['one iteration too many', { ...within, iterations: LIMITS.maxIterations + 1 }, false],
    ['a billion iterations', { ...within, iterations: 1e9 }, false],
    ['a fractional count', { ...within, iterations: 600_000.5 }, false],
    ['an infinite count', { ...within, iterations: Infinity }, false],
    ['a count that is not a number', { ...within, iterations: NaN }, false],
  ];

  it.each(cases)('accepts %s exactly when create would', (_what, params, accepted) => {
    const server = passphraseParams.safeParse({ ...params, verifierHash: saltOf(32) }).success;
    const client = () => checkKdfParams(params);

    expect(server).toBe(accepted);
    if (accepted) expect(client).not.toThrow();
    else expect(client).toThrow(KdfParamsError);
  });

  it('makes unlock refuse out-of-bounds parameters at once, instead of stretching', async () => {
    const started = performance.now();

    await expect(
      unlock(new Uint8Array(32), { ...within, iterations: 2_000_000_000 }, 'fixture: pw'),
    ).rejects.toBeInstanceOf(KdfParamsError);
    expect(performance.now() - started).toBeLessThan(100);
  });
});

describe('base64url', () => {
  it('round-trips any bytes without padding or +/', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const encoded = toBase64url(bytes);
        expect(encoded).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(fromBase64url(encoded)).toEqual(bytes);
        expect(encoded).toBe(Buffer.from(bytes).toString('base64url'));
      }),
    );
  });

  it.each(['A', 'AB=', 'AB+/', 'AB C', 'AR'])(
    'rejects non-canonical or foreign text "%s"',
    (bad) => {
      expect(() => fromBase64url(bad)).toThrow(TypeError);
    },
  );
});

describe('unlock', () => {
  it('needs nothing for a plain secret and decrypts a protected one with the verifier it derives', async () => {
    expect(await unlock(new Uint8Array(32), null, 'ignored')).toEqual({});
    const sealed = await seal('fixture: unlock', { passphrase: 'pw', iterations: 600_000 });
    const key = parseKey(sealed.key);
    const unlocked = await unlock(key, sealed.passphrase ?? null, 'pw');
    expect(new TextDecoder().decode(await open(sealed.ciphertext, key, unlocked.contentKey))).toBe(
      'fixture: unlock',
    );
    const wrong = await unlock(key, sealed.passphrase ?? null, 'not pw');
    expect(wrong.verifier).not.toBe(unlocked.verifier);
    await expect(open(sealed.ciphertext, key, wrong.contentKey)).rejects.toThrow();
  });
});
