// The request bodies (docs/design.md §5): the schemas the Lambdas that take a body parse. Apart from
// the response schemas (contract.ts), so those Lambdas build only what they check at cold start.
// Every check carries its own message: zod/mini loads no locale, so one without would answer
// "Invalid input", and a schema's own message would stand in for its checks'. Messages name the
// field, never echo its value.
import * as z from 'zod/mini';
import { base64urlByteLength } from './base64url.ts';
import { TOKEN } from './ids.ts';
import { jweProblem, requestJweProblem } from './jwe.ts';
import { LIMITS } from './limits.ts';

/** S3's bound on the parts of one multipart upload. */
const MAX_PARTS = 10_000;
/** An ETag is S3's quoted hash; this bounds what a client may send in its place. */
const MAX_ETAG_CHARS = 1024;

const mustBe = (what: string) => ({ error: `must be ${what}` });

const hash32 = z.string(mustBe('a string: base64url (no padding) of 32 bytes')).check(
  z.regex(TOKEN, 'must be base64url (no padding) of 32 bytes'),
  z.refine((v) => base64urlByteLength(v) === 32, 'must be base64url (no padding) of 32 bytes'),
);

const boundedInt = (bounds: { readonly min: number; readonly max: number }) => {
  const message = `must be an integer from ${bounds.min} to ${bounds.max}`;
  return z
    .number({ error: message })
    .check(z.int(message), z.minimum(bounds.min, message), z.maximum(bounds.max, message));
};

const jwe = (maxChars: number, bound: string, problemOf = jweProblem) =>
  z.string(mustBe('a string')).check(
    z.maxLength(maxChars, `must be at most ${bound}`),
    z.superRefine((value, ctx) => {
      const problem = problemOf(value);
      if (problem) ctx.issues.push({ code: 'custom', message: problem, input: value });
    }),
  );

const ciphertext = jwe(LIMITS.ciphertextChars, '1 MiB');

const salt = z.string(mustBe('a string: base64url (no padding)')).check(
  z.refine((v) => {
    const bytes = base64urlByteLength(v);
    return bytes !== undefined && bytes >= LIMITS.saltBytes.min && bytes <= LIMITS.saltBytes.max;
  }, `must be base64url (no padding) of ${LIMITS.saltBytes.min} to ${LIMITS.saltBytes.max} bytes`),
);

export const passphraseParams = z.strictObject(
  {
    salt,
    iterations: boundedInt({ min: LIMITS.minIterations, max: LIMITS.maxIterations }),
    verifierHash: hash32,
  },
  mustBe('an object {salt, iterations, verifierHash} or null'),
);
export type PassphraseParams = z.infer<typeof passphraseParams>;

/**
 * A file secret's declaration: its manifest (a small JWE the recipient decrypts for name, type and
 * size) and the exact size of the encrypted body (core/body-stream.ts) the client will upload.
 */
export const fileDeclaration = z.strictObject(
  {
    manifest: jwe(LIMITS.manifestChars, `${LIMITS.manifestChars} characters`),
    bodyBytes: boundedInt({ min: 1, max: LIMITS.fileBodyBytes }),
  },
  mustBe('an object {manifest, bodyBytes}'),
);
export type FileDeclaration = z.infer<typeof fileDeclaration>;

/**
 * A secret request's declaration (docs/design.md §2): what the fill link's token hashes to, and the
 * id (RFC 7638 thumbprint) of the requester's X25519 key that a fill must be encrypted to. Neither
 * key reaches the server.
 */
export const requestDeclaration = z.strictObject(
  { fillTokenHash: hash32, keyId: hash32 },
  mustBe('an object {fillTokenHash, keyId}'),
);
export type RequestDeclaration = z.infer<typeof requestDeclaration>;

/**
 * One of several recipients of a secret (docs/design.md §2): its own read token's hash, its own reads,
 * and a label only the sender can read (a JWE under a key in the manage link).
 */
export const recipientDeclaration = z.strictObject(
  {
    readTokenHash: hash32,
    maxReads: z.optional(boundedInt(LIMITS.maxReads)),
    label: z.optional(
      jwe(LIMITS.labelCiphertextChars, `${LIMITS.labelCiphertextChars} characters`),
    ),
  },
  mustBe('an object {readTokenHash, maxReads?, label?}'),
);
export type RecipientDeclaration = z.infer<typeof recipientDeclaration>;

/** What a request takes besides its declaration: the rest belongs to the one who fills it, or to no one. */
const NOT_WITH_REQUEST = ['passphrase', 'notBefore', 'webhook'] as const;

/**
 * A text secret sends `ciphertext`; a file sends `file`; a secret request sends `request` (its
 * ciphertext comes later, by fill): exactly one of the three.
 */
export const createRequest = z
  .strictObject({
    ciphertext: z.optional(ciphertext),
    file: z.optional(fileDeclaration),
    request: z.optional(requestDeclaration),
    /** One link: its read token's hash. Several: `recipients` instead, each with its own. */
    readTokenHash: z.optional(hash32),
    recipients: z.optional(
      z.array(recipientDeclaration, mustBe('an array of {readTokenHash, maxReads?, label?}')).check(
        z.minLength(LIMITS.recipients.min, `must list at least ${LIMITS.recipients.min}`),
        z.maxLength(LIMITS.recipients.max, `must list at most ${LIMITS.recipients.max}`),
        z.refine(
          (list) => new Set(list.map((r) => r.readTokenHash)).size === list.length,
          'must give each recipient its own readTokenHash',
        ),
      ),
    ),
    maxReads: z.optional(boundedInt(LIMITS.maxReads)),
    ttlSeconds: z.optional(boundedInt(LIMITS.ttlSeconds)),
    passphrase: z.optional(z.nullable(passphraseParams)),
    /**
     * The sender's choice that the recipient's page show the secret hidden until asked: not secret,
     * the server stores it and answers it with meta (docs/design.md §2).
     */
    hidden: z.optional(z.boolean(mustBe('true or false'))),
    /**
     * When the secret opens: before it, the right read token gets 409 `not_yet_open` and nothing is
     * consumed. After create's time and before the expiry (checked against the server's clock).
     */
    notBefore: z.optional(
      z.iso.datetime({
        offset: true,
        error: 'must be a date and time in ISO 8601 with a time zone, e.g. 2026-12-02T09:00:00Z',
      }),
    ),
    /**
     * Where to post signed events (read, burn, revoke, destroy, lock): an https URL whose host is
     * public. The signing secret is answered once; the server keeps both, never shows the URL again.
     */
    webhook: z.optional(
      z.strictObject(
        {
          url: z
            .string(mustBe('a string: an https URL'))
            .check(
              z.maxLength(
                LIMITS.webhookUrlChars,
                `must be at most ${LIMITS.webhookUrlChars} characters`,
              ),
            ),
        },
        mustBe('an object {url}'),
      ),
    ),
  })
  .check(
    z.superRefine((value, ctx) => {
      const given = (['ciphertext', 'file', 'request'] as const).filter(
        (field) => value[field] !== undefined,
      );
      if (given.length === 0)
        ctx.issues.push({
          code: 'custom',
          path: ['ciphertext'],
          message: 'is required (or file, for a file, or request, for a secret request)',
          input: value,
        });
      if (given.length > 1)
        ctx.issues.push({
          code: 'custom',
          path: [given[1] ?? 'file'],
          message: `must not be sent with ${given[0] ?? 'ciphertext'}: a secret is a text, a file or a request`,
          input: value,
        });
      if (value.readTokenHash === undefined && value.recipients === undefined)
        ctx.issues.push({
          code: 'custom',
          path: ['readTokenHash'],
          message: 'is required (or recipients, for several links)',
          input: value,
        });
      if (value.readTokenHash !== undefined && value.recipients !== undefined)
        ctx.issues.push({
          code: 'custom',
          path: ['recipients'],
          message: 'must not be sent with readTokenHash: each recipient has its own',
          input: value,
        });
      if (value.recipients !== undefined && value.maxReads !== undefined)
        ctx.issues.push({
          code: 'custom',
          path: ['maxReads'],
          message: 'must not be sent with recipients: each recipient has its own maxReads',
          input: value,
        });
      if (value.recipients !== undefined && value.request !== undefined)
        ctx.issues.push({
          code: 'custom',
          path: ['recipients'],
          message: 'is not taken with request: a request has one requester',
          input: value,
        });
      if (value.request !== undefined)
        for (const field of NOT_WITH_REQUEST)
          if (value[field] !== undefined && value[field] !== null)
            ctx.issues.push({
              code: 'custom',
              path: [field],
              message: 'is not taken with request: a request is filled and read as it is',
              input: value,
            });
    }),
  );
export type CreateRequest = z.infer<typeof createRequest>;

/** One uploaded part, as S3 answered its PUT: the ETag response header, quotes included. */
export const uploadedPart = z.strictObject(
  {
    partNumber: boundedInt({ min: 1, max: MAX_PARTS }),
    etag: z
      .string(mustBe('a string'))
      .check(
        z.minLength(1, 'must not be empty'),
        z.maxLength(MAX_ETAG_CHARS, `must be at most ${MAX_ETAG_CHARS} characters`),
      ),
  },
  mustBe('an object {partNumber, etag}'),
);

/** Seals a file secret once its body is uploaded; `parts` only, and always, for a multipart upload. */
export const sealRequest = z.strictObject({
  parts: z.optional(
    z
      .array(uploadedPart, mustBe('an array of {partNumber, etag}'))
      .check(
        z.minLength(1, 'must list at least one part'),
        z.maxLength(MAX_PARTS, `must list at most ${MAX_PARTS} parts`),
      ),
  ),
});
export type SealRequest = z.infer<typeof sealRequest>;

export const readRequest = z.strictObject({
  verifier: z.optional(z.string(mustBe('a string'))),
});
export type ReadRequest = z.infer<typeof readRequest>;

/**
 * The fill of a secret request: a JWE encrypted to the requester's X25519 key (`requestJweProblem`),
 * at most 1 MiB like any ciphertext.
 */
export const fillRequest = z.strictObject({
  ciphertext: jwe(LIMITS.ciphertextChars, '1 MiB', requestJweProblem),
});
export type FillRequest = z.infer<typeof fillRequest>;
