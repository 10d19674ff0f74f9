// The wire contract (docs/design.md §5): every request and response body, error code and bound, as
// zod schemas. The Lambdas, the local stack, the page, the CLI and the OpenAPI document all read
// them from here. zod/mini keeps this small enough for every Lambda's cold start and the page.
// Messages name the field, never echo its value.
import * as z from 'zod/mini';
import { base64urlByteLength } from './base64url.ts';
import { jweProblem } from './jwe.ts';
import { LIMITS } from './limits.ts';

export { LIMITS };

/** Every error the API answers, with its status and the one sentence it carries. */
export const ERRORS = {
  invalid_request: { status: 400, message: 'The request is not valid.' },
  unauthorized: { status: 401, message: 'This secret is protected by a passphrase.' },
  // A wrong verifier, counted: `attemptsLeft` in the body says how many more the secret allows.
  wrong_passphrase: {
    status: 401,
    message: 'Wrong passphrase. More wrong ones in a row destroy the secret.',
  },
  // The wrong verifier that reached the limit: this answer is the one that destroyed the secret.
  locked: {
    status: 401,
    message: `Wrong passphrase. After ${LIMITS.maxFailedAttempts} wrong ones in a row the secret has been destroyed.`,
  },
  forbidden: { status: 403, message: 'The request was blocked.' },
  not_found: {
    status: 404,
    // One message for unknown, expired, burned, revoked and wrong-credential: nothing to probe.
    message: 'This secret does not exist, has expired, or has already been read.',
  },
  method_not_allowed: { status: 405, message: 'Method not allowed here.' },
  upload_mismatch: {
    status: 409,
    message: 'The uploaded body does not have the declared size.',
  },
  too_large: { status: 413, message: 'The request body is too large.' },
  unsupported_media_type: { status: 415, message: 'Send the request body as application/json.' },
  throttled: { status: 429, message: 'Too many requests; try again later.' },
  unavailable: {
    status: 503,
    message: 'The service is temporarily unavailable; nothing was consumed. Try again.',
  },
  outcome_unknown: {
    status: 503,
    message: 'The service did not confirm this attempt; it may have been counted. Try again.',
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;
export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

/** A secret id: 16 random bytes as canonical base64url (22 characters, the last one of four). */
export const SECRET_ID = /^[A-Za-z0-9_-]{21}[AQgw]$/;
/** A 32-byte token (read or manage) as base64url: 43 characters. */
export const TOKEN = /^[A-Za-z0-9_-]{43}$/;

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

const jwe = (maxChars: number, bound: string) =>
  z.string(mustBe('a string')).check(
    z.maxLength(maxChars, `must be at most ${bound}`),
    z.superRefine((value, ctx) => {
      const problem = jweProblem(value);
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

const time = z.iso.datetime();
const count = z.number().check(z.int(), z.minimum(0));

// ---- requests ----

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

/** A text secret sends `ciphertext`; a file sends `file`: exactly one of the two. */
export const createRequest = z
  .strictObject({
    ciphertext: z.optional(ciphertext),
    file: z.optional(fileDeclaration),
    readTokenHash: hash32,
    maxReads: z.optional(boundedInt(LIMITS.maxReads)),
    ttlSeconds: z.optional(boundedInt(LIMITS.ttlSeconds)),
    passphrase: z.optional(z.nullable(passphraseParams)),
    /**
     * The sender's choice that the recipient's page show the secret hidden until asked: not secret,
     * the server stores it and answers it with meta (docs/design.md §2).
     */
    hidden: z.optional(z.boolean(mustBe('true or false'))),
  })
  .check(
    z.superRefine((value, ctx) => {
      if (value.ciphertext === undefined && value.file === undefined)
        ctx.issues.push({
          code: 'custom',
          path: ['ciphertext'],
          message: 'is required (or file, for a file)',
          input: value,
        });
      if (value.ciphertext !== undefined && value.file !== undefined)
        ctx.issues.push({
          code: 'custom',
          path: ['file'],
          message: 'must not be sent with ciphertext: a secret is a text or a file',
          input: value,
        });
    }),
  );
export type CreateRequest = z.infer<typeof createRequest>;

/** One uploaded part, as S3 answered its PUT: the ETag response header, quotes included. */
export const uploadedPart = z.strictObject({
  partNumber: boundedInt({ min: 1, max: 10_000 }),
  etag: z.string(mustBe('a string')).check(z.minLength(1, 'must not be empty'), z.maxLength(1024)),
});

/** Seals a file secret once its body is uploaded; `parts` only, and always, for a multipart upload. */
export const sealRequest = z.strictObject({
  parts: z.optional(z.array(uploadedPart).check(z.minLength(1), z.maxLength(10_000))),
});
export type SealRequest = z.infer<typeof sealRequest>;

export const readRequest = z.strictObject({
  verifier: z.optional(z.string(mustBe('a string'))),
});
export type ReadRequest = z.infer<typeof readRequest>;

// ---- responses (objects, not strict: a client accepts fields a newer API adds) ----

const url = z.url();

/**
 * Where a file's body goes: one PUT of the whole body to `url`, or one PUT per part (part n carries
 * bytes (n-1)·partBytes up to n·partBytes, the last one the rest), each answering the ETag that seal
 * takes. Every URL is signed for its exact size and usable until `expiresAt`.
 */
export const upload = z.union([
  z.object({ url, expiresAt: time }),
  z.object({
    partBytes: count,
    parts: z.array(z.object({ partNumber: count, url })),
    expiresAt: time,
  }),
]);
export type Upload = z.infer<typeof upload>;

export const created = z.object({
  id: z.string().check(z.regex(SECRET_ID)),
  expiresAt: time,
  maxReads: count,
  manageToken: z.string().check(z.regex(TOKEN)),
  /** Only for a file: where to upload its body before sealing it. */
  upload: z.optional(upload),
});
export type Created = z.infer<typeof created>;

/** What seal answers: the sealed secret, readable from now on. */
export const sealed = z.object({
  id: z.string().check(z.regex(SECRET_ID)),
  expiresAt: time,
  maxReads: count,
});
export type Sealed = z.infer<typeof sealed>;

export const SECRET_KINDS = ['text', 'file'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

export const meta = z.object({
  id: z.string().check(z.regex(SECRET_ID)),
  kind: z.enum(SECRET_KINDS),
  expiresAt: time,
  remainingReads: count,
  passphrase: z.nullable(z.object({ salt: z.string(), iterations: count })),
  /** Show the revealed secret hidden until the recipient asks; absent from older APIs (false). */
  hidden: z.optional(z.boolean()),
});
export type Meta = z.infer<typeof meta>;

export const textReadResult = z.object({
  ciphertext: z.string().check(z.minLength(1)),
  remainingReads: count,
  expiresAt: time,
});

/** A file's read: its manifest, and a URL for the exact body sealed, usable until its `expiresAt`. */
export const fileReadResult = z.object({
  manifest: z.string().check(z.minLength(1)),
  download: z.object({ url, expiresAt: time }),
  bodyBytes: count,
  remainingReads: count,
  expiresAt: time,
});

export const readResult = z.union([textReadResult, fileReadResult]);
export type ReadResult = z.infer<typeof readResult>;
export type TextReadResult = z.infer<typeof textReadResult>;
export type FileReadResult = z.infer<typeof fileReadResult>;

/**
 * `pending`: a file secret created but not sealed yet (its body is still being uploaded). `burned`:
 * its last read ended it; `locked`: wrong passphrases did, `LIMITS.maxFailedAttempts` in a row;
 * `revoked`: the sender did; `destroyed`: a recipient did, after reading it, with reads still left.
 */
export const RECEIPT_STATES = [
  'pending',
  'active',
  'burned',
  'locked',
  'revoked',
  'destroyed',
  'expired',
] as const;
export type ReceiptState = (typeof RECEIPT_STATES)[number];

export const receipt = z.object({
  state: z.enum(RECEIPT_STATES),
  maxReads: count,
  remainingReads: count,
  /** Every wrong passphrase counted over the secret's life; a read does not clear it. */
  failedAttempts: count,
  expiresAt: time,
  createdAt: time,
  reads: z.array(z.object({ at: time })),
});
export type Receipt = z.infer<typeof receipt>;

export const health = z.object({ ok: z.literal(true) });

export const errorBody = z.object({
  error: z.string().check(z.minLength(1)),
  message: z.string(),
  /** Only with `wrong_passphrase`: how many more wrong ones the secret allows (at least 1). */
  attemptsLeft: z.optional(count),
});
export type ErrorBody = z.infer<typeof errorBody>;

/**
 * Turns a failed parse into one short sentence: "maxReads: must be an integer from 1 to 100".
 * `input` is what was parsed: zod 4 issues do not carry it, and only it tells a field that is
 * missing from one of the wrong type. Values are looked at, never quoted.
 */
export function describeIssues(error: z.core.$ZodError, input: unknown): string {
  const issue = error.issues[0];
  if (!issue) return 'The request body is not valid.';
  if (issue.path.length === 0) {
    if (issue.code === 'unrecognized_keys') return `Unknown field: ${issue.keys.join(', ')}.`;
    return 'The request body must be a JSON object.';
  }
  const field = issue.path.join('.');
  if (issue.code === 'unrecognized_keys')
    return `Unknown field: ${field}.${issue.keys.join(', ')}.`;
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
    return `${field}: is required.`;
  }
  return `${field}: ${issue.message}.`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
