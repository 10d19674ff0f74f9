import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createBody, describeIssues, readBody } from '../../lambdas/shared/schemas.ts';
import { LIMITS } from '../../lambdas/shared/limits.ts';

const b64 = (n: number, fill = 7) => Buffer.alloc(n, fill).toString('base64url');
const jwe = `${Buffer.from('{"alg":"dir","enc":"A256GCM"}').toString('base64url')}..${b64(12)}.${b64(5)}.${b64(16)}`;
const valid = { ciphertext: jwe, readTokenHash: b64(32) };
const withField = (field: string, value: unknown) => ({ ...valid, [field]: value });
const accepts = (body: unknown) => createBody.safeParse(body).success;
const messageFor = (body: unknown) => {
  const parsed = createBody.safeParse(body);
  return parsed.success ? undefined : describeIssues(parsed.error);
};

describe('the create schema', () => {
  it('accepts the minimal body and leaves defaults to the use case', () => {
    expect(createBody.parse(valid)).toEqual(valid);
  });

  describe.each([
    ['maxReads', LIMITS.maxReads.min, LIMITS.maxReads.max],
    ['ttlSeconds', LIMITS.ttlSeconds.min, LIMITS.ttlSeconds.max],
  ])('%s', (field, min, max) => {
    it(`accepts every integer from ${min} to ${max}`, () => {
      fc.assert(fc.property(fc.integer({ min, max }), (n) => accepts(withField(field, n))));
    });

    it('rejects every integer outside the bounds', () => {
      const outside = fc.oneof(fc.integer({ max: min - 1 }), fc.integer({ min: max + 1 }));
      fc.assert(fc.property(outside, (n) => !accepts(withField(field, n))));
    });

    it('rejects fractions, strings, booleans, null and non-finite numbers', () => {
      const wrong = fc.oneof(
        fc.double({ min, max, noInteger: true }),
        fc.integer({ min, max }).map(String),
        fc.boolean(),
        fc.constant(null),
        fc.constantFrom(Infinity, -Infinity, NaN),
        fc.array(fc.integer({ min, max }), { minLength: 1, maxLength: 2 }),
      );
      fc.assert(fc.property(wrong, (v) => !accepts(withField(field, v))));
    });

    it('names the field and the range in its message', () => {
      expect(messageFor(withField(field, max + 1))).toBe(
        `${field}: must be an integer from ${min} to ${max}.`,
      );
    });
  });

  it('requires ciphertext and readTokenHash', () => {
    expect(messageFor({ readTokenHash: b64(32) })).toBe('ciphertext: is required.');
    expect(messageFor({ ciphertext: jwe })).toBe('readTokenHash: is required.');
  });

  it('rejects a readTokenHash that is not base64url of exactly 32 bytes', () => {
    for (const bad of [b64(31), b64(33), b64(32) + '=', 'x'.repeat(43) + '!', 42]) {
      expect(accepts(withField('readTokenHash', bad))).toBe(false);
    }
  });

  it('rejects a ciphertext longer than 1 MiB even when well-formed', () => {
    const body = b64(Math.ceil((LIMITS.ciphertextChars * 3) / 4));
    const big = `${jwe.split('.')[0]}..${b64(12)}.${body}.${b64(16)}`;
    expect(messageFor(withField('ciphertext', big))).toBe('ciphertext: must be at most 1 MiB.');
  });

  it('rejects unknown fields, so a typo is not silently ignored', () => {
    expect(messageFor({ ...valid, max_reads: 3 })).toBe('Unknown field: max_reads.');
  });

  it('rejects a body that is not an object', () => {
    for (const body of [null, [], 'text', 3]) expect(accepts(body)).toBe(false);
  });

  describe('passphrase', () => {
    const params = { salt: b64(16), iterations: 600_000, verifierHash: b64(32) };

    it('accepts valid parameters, and null as "no passphrase"', () => {
      expect(accepts(withField('passphrase', params))).toBe(true);
      expect(accepts(withField('passphrase', null))).toBe(true);
    });

    it('accepts salts of 16 to 64 bytes only', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 100 }),
          (n) =>
            accepts(withField('passphrase', { ...params, salt: b64(n) })) === (n >= 16 && n <= 64),
        ),
      );
    });

    it('refuses fewer than 600,000 iterations', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 599_999 }),
          (n) => !accepts(withField('passphrase', { ...params, iterations: n })),
        ),
      );
      expect(messageFor(withField('passphrase', { ...params, iterations: 10_000 }))).toMatch(
        /^passphrase\.iterations: must be an integer from 600000/,
      );
    });

    it('requires every member and no other', () => {
      expect(accepts(withField('passphrase', { salt: params.salt, iterations: 600_000 }))).toBe(
        false,
      );
      expect(accepts(withField('passphrase', { ...params, hint: 'x' }))).toBe(false);
    });
  });
});

describe('the read schema', () => {
  it('accepts an empty object or a verifier, and nothing else', () => {
    expect(readBody.safeParse({}).success).toBe(true);
    expect(readBody.safeParse({ verifier: b64(32) }).success).toBe(true);
    expect(readBody.safeParse({ verifier: 5 }).success).toBe(false);
    expect(readBody.safeParse({ other: 1 }).success).toBe(false);
  });
});
