// What the service signs must verify with the Standard Webhooks reference library (the one a receiver
// would use), and only for exactly what was sent.
import { describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import {
  newWebhookId,
  newWebhookSecret,
  signWebhook,
  webhookEvent,
  WebhookSigningError,
  type WebhookHeaders,
} from '../../lambdas/common/webhook-signing.ts';

/** A fixture key: bytes 0..31, nothing anyone uses. */
const FIXED_SECRET = `whsec_${Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString('base64')}`;
const SECRET_ID = 'AAECAwQFBgcICQoLDA0ODw';
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** True when the reference library accepts `headers` for `body` under `secret`. */
function verifies(secret: string, body: string, headers: WebhookHeaders): boolean {
  try {
    new Webhook(secret).verify(body, headers, { jsonParse: false });
    return true;
  } catch {
    return false;
  }
}

describe('webhook signatures', () => {
  it.each([
    ['an event', webhookEvent('secret.read', { id: SECRET_ID, remainingReads: 2 }, new Date())],
    ['an empty body', ''],
    ['unicode', '{"note":"grüße, 秘密, 🔐"}'],
    ['dots and newlines', 'a.b.c\n.d'],
  ])('verify with the standardwebhooks library for %s', (_what, body) => {
    const secret = newWebhookSecret();
    const headers = signWebhook(secret, { id: newWebhookId(), timestamp: nowSeconds(), body });
    expect(verifies(secret, body, headers)).toBe(true);
  });

  it('do not verify for a changed body, id, timestamp or another secret', () => {
    const secret = newWebhookSecret();
    const body = webhookEvent('secret.burned', { id: SECRET_ID, remainingReads: 0 }, new Date());
    const headers = signWebhook(secret, { id: 'msg_one', timestamp: nowSeconds(), body });
    expect(verifies(secret, body, headers)).toBe(true);

    expect(verifies(secret, body.replace('burned', 'read'), headers)).toBe(false);
    expect(verifies(secret, body, { ...headers, 'webhook-id': 'msg_two' })).toBe(false);
    const later = String(Number(headers['webhook-timestamp']) + 1);
    expect(verifies(secret, body, { ...headers, 'webhook-timestamp': later })).toBe(false);
    expect(verifies(newWebhookSecret(), body, headers)).toBe(false);
  });

  it('reproduce the published Standard Webhooks test vector', () => {
    // From the specification's reference libraries (a public example key, not a secret).
    const headers = signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', {
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: 1614265330,
      body: '{"test": 2432232314}',
    });
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('match the reference library for a fixed id, timestamp and unicode body', () => {
    const message = { id: 'msg_fixed', timestamp: 1700000000, body: '{"x":"é🔐"}' };
    const expected = new Webhook(FIXED_SECRET).sign(
      message.id,
      new Date(message.timestamp * 1000),
      message.body,
    );
    expect(signWebhook(FIXED_SECRET, message)['webhook-signature']).toBe(expected);
  });

  it.each([
    ['no prefix', FIXED_SECRET.slice('whsec_'.length)],
    ['not base64', 'whsec_not*base64'],
    ['a key shorter than 24 bytes', `whsec_${Buffer.alloc(16).toString('base64')}`],
    ['non-canonical base64', `${FIXED_SECRET.slice(0, -2)}B=`],
  ])('refuse a secret with %s, without quoting it', (_what, secret) => {
    let thrown: unknown;
    try {
      signWebhook(secret, { id: 'msg_x', timestamp: 1, body: '' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(WebhookSigningError);
    expect((thrown as Error).message).not.toContain(secret.slice(-8, -2));
  });

  it('refuse an id with a dot and a timestamp that is not whole seconds', () => {
    expect(() => signWebhook(FIXED_SECRET, { id: 'msg.x', timestamp: 1, body: '' })).toThrow(
      WebhookSigningError,
    );
    expect(() => signWebhook(FIXED_SECRET, { id: 'msg_x', timestamp: 1.5, body: '' })).toThrow(
      WebhookSigningError,
    );
  });
});

describe('webhook secrets and ids', () => {
  it('makes whsec_ secrets of 32 random bytes in standard base64', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });

  it('makes msg_ ids of 16 random bytes in base64url', () => {
    const id = newWebhookId();
    expect(id).toMatch(/^msg_[A-Za-z0-9_-]{22}$/);
    expect(newWebhookId()).not.toBe(id);
  });
});

describe('webhook events', () => {
  it('carry the type, the time and the secret id and remaining reads, nothing else', () => {
    const at = new Date('2025-01-02T03:04:05.678Z');
    // Extra fields a careless caller might pass must not reach the receiver.
    const data = { id: SECRET_ID, remainingReads: 1, readToken: 'x'.repeat(43), ip: '192.0.2.1' };
    expect(webhookEvent('secret.read', data, at)).toBe(
      `{"type":"secret.read","timestamp":"2025-01-02T03:04:05.678Z","data":{"id":"${SECRET_ID}","remainingReads":1}}`,
    );
  });

  it('refuse anything but a secret id in the id, such as a token', () => {
    const token = 'A'.repeat(43);
    expect(() =>
      webhookEvent('secret.revoked', { id: token, remainingReads: 0 }, new Date()),
    ).toThrow(WebhookSigningError);
  });

  it('refuse a remainingReads that is not a whole number of 0 or more', () => {
    for (const remainingReads of [-1, 0.5, Number.NaN]) {
      expect(() =>
        webhookEvent('secret.read', { id: SECRET_ID, remainingReads }, new Date()),
      ).toThrow(WebhookSigningError);
    }
  });
});
