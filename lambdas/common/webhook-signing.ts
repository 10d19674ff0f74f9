// Webhook events and their signatures in the Standard Webhooks format (standardwebhooks.com), so a
// receiver can verify them with any of that specification's libraries. node:crypto only.
import { createHmac, randomBytes } from 'node:crypto';
import { SECRET_ID } from '../../core/ids.ts';

const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;
// The specification's bounds for a key; ours are SECRET_BYTES, the rest is for its test vectors.
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;
const STANDARD_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
// No '.': the signed content joins id, timestamp and body with dots, so a dot in the id would let one
// signature stand for two different (id, timestamp) pairs.
const MESSAGE_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** A signing secret or message that cannot be signed. The message never quotes the secret. */
export class WebhookSigningError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export type WebhookHeaders = Record<
  'webhook-id' | 'webhook-timestamp' | 'webhook-signature',
  string
>;

export interface WebhookMessage {
  /** The event's id, the same on every retry so the receiver can drop duplicates. */
  readonly id: string;
  /** When this attempt is sent, in whole seconds since the epoch. */
  readonly timestamp: number;
  readonly body: string;
}

/** A new signing secret: `whsec_` and 32 random bytes in standard base64, shown to the sender once. */
export const newWebhookSecret = (): string =>
  SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64');

/** A new event id: `msg_` and 16 random bytes in base64url. */
export const newWebhookId = (): string => `msg_${randomBytes(16).toString('base64url')}`;

/** The HMAC key a `whsec_` secret carries; only canonical base64, so one key has one spelling. */
function signingKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : '';
  const key = Buffer.from(encoded, 'base64');
  const canonical = STANDARD_BASE64.test(encoded) && key.toString('base64') === encoded;
  if (!canonical || key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
    throw new WebhookSigningError(
      'The webhook secret is not a whsec_ base64 key of 24 to 64 bytes.',
    );
  }
  return key;
}

/** The three Standard Webhooks headers for one attempt to deliver `message.body`. */
export function signWebhook(secret: string, message: WebhookMessage): WebhookHeaders {
  if (!MESSAGE_ID.test(message.id)) {
    throw new WebhookSigningError('The webhook id must be 1 to 128 base64url characters.');
  }
  if (!Number.isSafeInteger(message.timestamp) || message.timestamp < 0) {
    throw new WebhookSigningError('The webhook timestamp must be whole seconds since the epoch.');
  }
  const signature = createHmac('sha256', signingKey(secret))
    .update(`${message.id}.${message.timestamp}.${message.body}`)
    .digest('base64');
  return {
    'webhook-id': message.id,
    'webhook-timestamp': String(message.timestamp),
    'webhook-signature': `v1,${signature}`,
  };
}

export type WebhookEventType =
  | 'secret.read'
  | 'secret.burned'
  | 'secret.revoked'
  | 'secret.destroyed'
  | 'secret.locked'
  | 'secret.expired';

export interface WebhookEventData {
  readonly id: string;
  readonly remainingReads: number;
  /** Which link, for a secret with several recipients. */
  readonly recipient?: number;
}

/**
 * The body of an event. It names the secret by its id and says what happened and when; it is built
 * field by field, so nothing else the caller holds (tokens, addresses, user agents, ciphertext) can
 * ride along into a receiver the sender chose.
 */
export function webhookEvent(type: WebhookEventType, data: WebhookEventData, at: Date): string {
  // A token in place of the id would be 43 characters and fail here, not reach the receiver.
  if (!SECRET_ID.test(data.id)) throw new WebhookSigningError('The event must name a secret id.');
  if (!Number.isSafeInteger(data.remainingReads) || data.remainingReads < 0) {
    throw new WebhookSigningError('The event remainingReads must be a whole number, 0 or more.');
  }
  if (data.recipient !== undefined && (!Number.isSafeInteger(data.recipient) || data.recipient < 0))
    throw new WebhookSigningError('The event recipient must be a whole number, 0 or more.');
  return JSON.stringify({
    type,
    timestamp: at.toISOString(),
    data: {
      id: data.id,
      remainingReads: data.remainingReads,
      ...(data.recipient === undefined ? {} : { recipient: data.recipient }),
    },
  });
}
