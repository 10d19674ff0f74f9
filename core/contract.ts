// The wire contract (docs/design.md §5): every request and response body, error code and bound. The
// Lambdas, the local stack, the page, the CLI and the OpenAPI document all read them from here. It
// gathers three smaller modules that a Lambda imports on its own to carry only what it uses at cold
// start: api-errors.ts and ids.ts (no zod at run time), requests.ts (the request schemas). The
// response schemas are written here, with zod/mini.
import * as z from 'zod/mini';
import { SECRET_ID, TOKEN } from './ids.ts';
import { LIMITS } from './limits.ts';

export { LIMITS, SECRET_ID, TOKEN };
export { ERRORS, ERROR_CODES, describeIssues, type ErrorCode } from './api-errors.ts';
export {
  createRequest,
  fileDeclaration,
  fillRequest,
  recipientDeclaration,
  requestDeclaration,
  passphraseParams,
  readRequest,
  sealRequest,
  uploadedPart,
  type CreateRequest,
  type FileDeclaration,
  type FillRequest,
  type RecipientDeclaration,
  type RequestDeclaration,
  type PassphraseParams,
  type ReadRequest,
  type SealRequest,
} from './requests.ts';

const time = z.iso.datetime();
const count = z.number().check(z.int(), z.minimum(0));

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
  /** When the secret opens, if the sender chose a time. */
  notBefore: z.optional(time),
  /**
   * Only with a webhook: the key its events are signed with (Standard Webhooks, `whsec_…`). Answered
   * this once; verify deliveries with it.
   */
  webhookSecret: z.optional(z.string().check(z.regex(/^whsec_[A-Za-z0-9+/]{43}=$/))),
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

/** What a fill answers: the request is filled and readable with the retrieve link until `expiresAt`. */
export const filled = z.object({
  id: z.string().check(z.regex(SECRET_ID)),
  expiresAt: time,
});
export type Filled = z.infer<typeof filled>;

/** `request`: a secret request, its ciphertext encrypted to the requester's key by whoever fills it. */
export const SECRET_KINDS = ['text', 'file', 'request'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

export const meta = z.object({
  id: z.string().check(z.regex(SECRET_ID)),
  kind: z.enum(SECRET_KINDS),
  expiresAt: time,
  remainingReads: count,
  passphrase: z.nullable(z.object({ salt: z.string(), iterations: count })),
  /** Show the revealed secret hidden until the recipient asks; absent from older APIs (false). */
  hidden: z.optional(z.boolean()),
  /** When the secret opens, if the sender chose a time: reads before it answer `not_yet_open`. */
  notBefore: z.optional(time),
  /** Only for a request: whether it has been filled (before that, read answers `not_filled`). */
  filled: z.optional(z.boolean()),
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
 * `pending`: a file secret created but not sealed yet (its body is still being uploaded). `awaiting`:
 * a secret request not filled yet. `burned`:
 * its last read ended it; `locked`: wrong passphrases did, `LIMITS.maxFailedAttempts` in a row;
 * `revoked`: the sender did; `destroyed`: a recipient did, after reading it, with reads still left.
 */
export const RECEIPT_STATES = [
  'pending',
  'awaiting',
  'active',
  'burned',
  'locked',
  'revoked',
  'destroyed',
  'expired',
] as const;
export type ReceiptState = (typeof RECEIPT_STATES)[number];

/** One link of a secret with several recipients, as its sender's receipt shows it. */
export const recipientReceipt = z.object({
  /** Its place in the create's `recipients`, from 0: the link's number. */
  index: count,
  state: z.enum(RECEIPT_STATES),
  maxReads: count,
  remainingReads: count,
  failedAttempts: count,
  reads: z.array(z.object({ at: time })),
  /** The label the sender gave it, as the JWE sent: the sender's client decrypts it. */
  label: z.optional(z.string()),
});
export type RecipientReceipt = z.infer<typeof recipientReceipt>;

export const receipt = z.object({
  state: z.enum(RECEIPT_STATES),
  /** What was shared: a text, a file or a request (for a request, `active` means filled, not read). */
  kind: z.optional(z.enum(SECRET_KINDS)),
  maxReads: count,
  remainingReads: count,
  /** Every wrong passphrase counted over the secret's life; a read does not clear it. */
  failedAttempts: count,
  expiresAt: time,
  createdAt: time,
  /** When the secret opens, if the sender chose a time. */
  notBefore: z.optional(time),
  reads: z.array(z.object({ at: time })),
  /**
   * Only for a secret with several recipients: each link, in order. The secret's own counts are then
   * their sums, its reads all of theirs, and its state `active` while any link is.
   */
  recipients: z.optional(z.array(recipientReceipt)),
});
export type Receipt = z.infer<typeof receipt>;

export const health = z.object({ ok: z.literal(true) });

export const errorBody = z.object({
  error: z.string().check(z.minLength(1)),
  message: z.string(),
  /** Only with `wrong_passphrase`: how many more wrong ones the secret allows (at least 1). */
  attemptsLeft: z.optional(count),
  /** Only with `not_yet_open`: when the secret opens. */
  notBefore: z.optional(time),
});
export type ErrorBody = z.infer<typeof errorBody>;
