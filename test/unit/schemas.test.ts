import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type * as z from 'zod/mini';
import {
  createRequest as createBody,
  describeIssues,
  readRequest as readBody,
  sealRequest as sealBody,
} from '../../core/contract.ts';
import { LIMITS } from '../../core/limits.ts';

const b64 = (n: number, fill = 7) => Buffer.alloc(n, fill).toString('base64url');
const jwe = `${Buffer.from('{"alg":"dir","enc":"A256GCM"}').toString('base64url')}..${b64(12)}.${b64(5)}.${b64(16)}`;
const valid = { ciphertext: jwe, readTokenHash: b64(32) };
const withField = (field: string, value: unknown) => ({ ...valid, [field]: value });
const accepts = (body: unknown) => createBody.safeParse(body).success;
const messageFor = (body: unknown) => {
  const parsed = createBody.safeParse(body);
  return parsed.success ? undefined : describeIssues(parsed.error, body);
};

describe('the create schema for a file', () => {
  const file = { manifest: jwe, bodyBytes: 1000 };
  const withFile = (f: unknown, extra: object = {}) => ({
    readTokenHash: b64(32),
    file: f,
    ...extra,
  });

  it('accepts a manifest and a body size instead of a ciphertext', () => {
    expect(createBody.parse(withFile(file))).toEqual(withFile(file));
  });

  it('accepts every body size from 1 to the limit, and no other', () => {
    expect(accepts(withFile({ ...file, bodyBytes: 1 }))).toBe(true);
    expect(accepts(withFile({ ...file, bodyBytes: LIMITS.fileBodyBytes }))).toBe(true);
    expect(messageFor(withFile({ ...file, bodyBytes: 0 }))).toBe(
      `file.bodyBytes: must be an integer from 1 to ${LIMITS.fileBodyBytes}.`,
    );
    expect(accepts(withFile({ ...file, bodyBytes: LIMITS.fileBodyBytes + 1 }))).toBe(false);
    expect(accepts(withFile({ ...file, bodyBytes: 1.5 }))).toBe(false);
  });

  it('refuses a manifest that is not a JWE, or longer than its bound', () => {
    expect(messageFor(withFile({ ...file, manifest: 'name.txt' }))).toMatch(/^file\.manifest: /);
    const long = `${jwe.slice(0, jwe.lastIndexOf('.'))}${'A'.repeat(LIMITS.manifestChars)}`;
    expect(accepts(withFile({ ...file, manifest: long }))).toBe(false);
  });

  it('refuses a body with both a ciphertext and a file', () => {
    expect(messageFor(withFile(file, { ciphertext: jwe }))).toBe(
      'file: must not be sent with ciphertext: a secret is a text, a file or a request.',
    );
  });

  it('refuses unknown fields in the file', () => {
    expect(messageFor(withFile({ ...file, name: 'x' }))).toBe('Unknown field: file.name.');
  });
});

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
    expect(messageFor({ readTokenHash: b64(32) })).toBe(
      'ciphertext: is required (or file, for a file, or request, for a secret request).',
    );
    expect(messageFor({ ciphertext: jwe })).toBe(
      'readTokenHash: is required (or recipients, for several links).',
    );
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

  it('rejects a body that is not an object, and says so', () => {
    for (const body of [null, [], [valid], 'text', 3, true]) {
      expect(messageFor(body)).toBe('The request body must be a JSON object.');
    }
  });

  describe('says what is wrong with a field of the wrong type, never that it is missing', () => {
    const params = { salt: b64(16), iterations: 600_000, verifierHash: b64(32) };
    const fields: [string, (v: unknown) => unknown][] = [
      ['ciphertext', (v) => withField('ciphertext', v)],
      ['readTokenHash', (v) => withField('readTokenHash', v)],
      ['maxReads', (v) => withField('maxReads', v)],
      ['ttlSeconds', (v) => withField('ttlSeconds', v)],
      ['passphrase.salt', (v) => withField('passphrase', { ...params, salt: v })],
      ['passphrase.iterations', (v) => withField('passphrase', { ...params, iterations: v })],
      ['passphrase.verifierHash', (v) => withField('passphrase', { ...params, verifierHash: v })],
    ];
    // Any JSON value of another type than the field's own (null included).
    const wrongFor = (field: string) =>
      fc
        .oneof(
          fc.string(),
          fc.integer(),
          fc.boolean(),
          fc.constant(null),
          fc.array(fc.integer(), { maxLength: 2 }),
          fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
        )
        .filter((v) =>
          /maxReads|ttlSeconds|iterations/.test(field)
            ? typeof v !== 'number'
            : typeof v !== 'string',
        );

    it.each(fields)('%s', (field, bodyWith) => {
      fc.assert(
        fc.property(wrongFor(field), (value) => {
          const message = messageFor(bodyWith(value)) ?? '';
          return message.startsWith(`${field}: must `) && !message.includes('required');
        }),
      );
    });

    it('passphrase itself', () => {
      for (const value of ['x', 3, true, []]) {
        expect(messageFor(withField('passphrase', value))).toBe(
          'passphrase: must be an object {salt, iterations, verifierHash} or null.',
        );
      }
    });

    it('while a missing field is still reported as required', () => {
      expect(messageFor(withField('passphrase', { salt: params.salt, iterations: 600_000 }))).toBe(
        'passphrase.verifierHash: is required.',
      );
    });
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

describe('the seal schema', () => {
  const part = (partNumber: number, etag: unknown = '"0123abcd"') => ({ partNumber, etag });
  const messageForSeal = (body: unknown) => {
    const parsed = sealBody.safeParse(body);
    return parsed.success ? undefined : describeIssues(parsed.error, body);
  };

  it('accepts no parts (a single upload), or from 1 to 10,000', () => {
    expect(messageForSeal({})).toBeUndefined();
    expect(messageForSeal({ parts: [part(1)] })).toBeUndefined();
    const most = Array.from({ length: 10_000 }, (_, i) => part(i + 1));
    expect(messageForSeal({ parts: most })).toBeUndefined();
  });

  it('says how many parts it takes', () => {
    expect(messageForSeal({ parts: [] })).toBe('parts: must list at least one part.');
    const tooMany = Array.from({ length: 10_001 }, (_, i) => part((i % 10_000) + 1));
    expect(messageForSeal({ parts: tooMany })).toBe('parts: must list at most 10000 parts.');
  });

  it('says what parts and each part must be', () => {
    for (const parts of [5, 'x', null, {}, true]) {
      expect(messageForSeal({ parts })).toBe('parts: must be an array of {partNumber, etag}.');
    }
    for (const one of [5, 'x', null, [], true]) {
      expect(messageForSeal({ parts: [one] })).toBe(
        'parts.0: must be an object {partNumber, etag}.',
      );
    }
    expect(messageForSeal({ parts: [part(0)] })).toBe(
      'parts.0.partNumber: must be an integer from 1 to 10000.',
    );
  });

  it("bounds an etag with its own message, not its type's", () => {
    expect(messageForSeal({ parts: [part(1, 'x'.repeat(1024))] })).toBeUndefined();
    expect(messageForSeal({ parts: [part(1, 'x'.repeat(1025))] })).toBe(
      'parts.0.etag: must be at most 1024 characters.',
    );
    expect(messageForSeal({ parts: [part(1, '')] })).toBe('parts.0.etag: must not be empty.');
    expect(messageForSeal({ parts: [part(1, 5)] })).toBe('parts.0.etag: must be a string.');
    expect(messageForSeal({ parts: [{ partNumber: 1 }] })).toBe('parts.0.etag: is required.');
  });
});

// zod/mini loads no locale: a check without a message of its own would answer "Invalid input".
describe('every refusal of a request body names what is wrong', () => {
  const b64h = b64(32);
  const params = { salt: b64(16), iterations: 600_000, verifierHash: b64h };
  const file = { manifest: jwe, bodyBytes: 1000 };
  const positions: [string, z.ZodMiniType, (v: unknown) => unknown][] = [
    ['create', createBody, (v) => v],
    ['create.ciphertext', createBody, (v) => withField('ciphertext', v)],
    ['create.readTokenHash', createBody, (v) => withField('readTokenHash', v)],
    ['create.maxReads', createBody, (v) => withField('maxReads', v)],
    ['create.ttlSeconds', createBody, (v) => withField('ttlSeconds', v)],
    ['create.hidden', createBody, (v) => withField('hidden', v)],
    ['create.passphrase', createBody, (v) => withField('passphrase', v)],
    ['create.passphrase.salt', createBody, (v) => withField('passphrase', { ...params, salt: v })],
    [
      'create.passphrase.iterations',
      createBody,
      (v) => withField('passphrase', { ...params, iterations: v }),
    ],
    [
      'create.passphrase.verifierHash',
      createBody,
      (v) => withField('passphrase', { ...params, verifierHash: v }),
    ],
    ['create.file', createBody, (v) => ({ readTokenHash: b64h, file: v })],
    [
      'create.file.manifest',
      createBody,
      (v) => ({ readTokenHash: b64h, file: { ...file, manifest: v } }),
    ],
    [
      'create.file.bodyBytes',
      createBody,
      (v) => ({ readTokenHash: b64h, file: { ...file, bodyBytes: v } }),
    ],
    ['seal', sealBody, (v) => v],
    ['seal.parts', sealBody, (v) => ({ parts: v })],
    ['seal.parts.0', sealBody, (v) => ({ parts: [v] })],
    ['seal.parts.0.partNumber', sealBody, (v) => ({ parts: [{ partNumber: v, etag: '"e"' }] })],
    ['seal.parts.0.etag', sealBody, (v) => ({ parts: [{ partNumber: 1, etag: v }] })],
    ['read', readBody, (v) => v],
    ['read.verifier', readBody, (v) => ({ verifier: v })],
  ];
  // An unknown field is named as sent, the empty name included ("Unknown field: .").
  const SENTENCE =
    /^(Unknown field: .*|The request body must be a JSON object|[\w.]+: (must|is required).*)\.$/;

  it.each(positions)('%s', (_, schema, bodyWith) => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const body = bodyWith(value);
        const parsed = schema.safeParse(body);
        if (parsed.success) return true;
        const message = describeIssues(parsed.error, body);
        return SENTENCE.test(message) && !/invalid input/i.test(message);
      }),
    );
  });
});
