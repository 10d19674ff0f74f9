import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { CompactEncrypt } from 'jose';
import { jweProblem } from '../../core/jwe.ts';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const header = (h: unknown) => b64(Buffer.from(JSON.stringify(h)));
const DIR_GCM = header({ alg: 'dir', enc: 'A256GCM' });
const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max });

/** A structurally valid JWE assembled from arbitrary parts of the right sizes. */
const validJwe = fc
  .record({ iv: bytes(12, 12), ct: bytes(1, 200), tag: bytes(16, 16) })
  .map(({ iv, ct, tag }) => `${DIR_GCM}..${b64(iv)}.${b64(ct)}.${b64(tag)}`);

describe('the JWE checker', () => {
  it('accepts what jose produces for the dir/A256GCM profile', async () => {
    const jwe = await new CompactEncrypt(new TextEncoder().encode('x'))
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .encrypt(new Uint8Array(32));
    expect(jweProblem(jwe)).toBeUndefined();
  });

  it('accepts every well-formed dir/A256GCM JWE', () => {
    fc.assert(fc.property(validJwe, (jwe) => jweProblem(jwe) === undefined));
  });

  it('accepts the header members in either order', () => {
    const swapped = `${header({ enc: 'A256GCM', alg: 'dir' })}..${b64(new Uint8Array(12))}.AA.${b64(new Uint8Array(16))}`;
    expect(jweProblem(swapped)).toBeUndefined();
  });

  it('rejects arbitrary text, so plaintext can never be stored', () => {
    fc.assert(fc.property(fc.string(), (text) => jweProblem(text) !== undefined));
  });

  it('rejects any single character changed to one outside base64url', () => {
    fc.assert(
      fc.property(
        validJwe,
        fc.nat(),
        fc.constantFrom('+', '/', '=', ' ', '!', '\n'),
        (jwe, at, bad) => {
          const positions = [...jwe].map((c, i) => (c === '.' ? -1 : i)).filter((i) => i >= 0);
          const i = positions[at % positions.length] ?? 0;
          return jweProblem(jwe.slice(0, i) + bad + jwe.slice(i + 1)) !== undefined;
        },
      ),
    );
  });

  it('rejects a wrong IV or tag length', () => {
    fc.assert(
      fc.property(
        bytes(0, 40).filter((b) => b.length !== 12),
        bytes(1, 10),
        (iv, ct) => {
          return (
            jweProblem(`${DIR_GCM}..${b64(iv)}.${b64(ct)}.${b64(new Uint8Array(16))}`) !== undefined
          );
        },
      ),
    );
    fc.assert(
      fc.property(
        bytes(0, 40).filter((b) => b.length !== 16),
        (tag) => {
          return jweProblem(`${DIR_GCM}..${b64(new Uint8Array(12))}.AA.${b64(tag)}`) !== undefined;
        },
      ),
    );
  });

  it.each([
    ['another algorithm', { alg: 'A256KW', enc: 'A256GCM' }],
    ['another encryption', { alg: 'dir', enc: 'A128GCM' }],
    ['compression', { alg: 'dir', enc: 'A256GCM', zip: 'DEF' }],
    ['an extra member', { alg: 'dir', enc: 'A256GCM', kid: 'k1' }],
    ['alg none', { alg: 'none', enc: 'A256GCM' }],
    ['an array', ['dir', 'A256GCM']],
  ])('rejects a header with %s', (_name, h) => {
    expect(
      jweProblem(`${header(h)}..${b64(new Uint8Array(12))}.AA.${b64(new Uint8Array(16))}`),
    ).toBeDefined();
  });

  it('rejects an encrypted key (dir has none), an empty ciphertext and a JWS-shaped token', () => {
    const iv = b64(new Uint8Array(12));
    const tag = b64(new Uint8Array(16));
    expect(jweProblem(`${DIR_GCM}.AAAA.${iv}.AA.${tag}`)).toMatch(/encrypted key/);
    expect(jweProblem(`${DIR_GCM}..${iv}..${tag}`)).toMatch(/empty/);
    expect(jweProblem(`${header({ alg: 'HS256' })}.e30.sig`)).toMatch(/five/);
  });

  it('rejects padded or non-canonical base64url', () => {
    const iv = b64(new Uint8Array(12));
    const tag = b64(new Uint8Array(16));
    expect(jweProblem(`${DIR_GCM}..${iv}.AA==.${tag}`)).toBeDefined();
    expect(jweProblem(`${DIR_GCM}..${iv}.AB.${tag}`)).toBeDefined();
  });
});
