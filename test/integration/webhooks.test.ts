// Signed webhooks end to end on the real local stack (issue 15, part 3), with a receiver on this
// machine (WEBHOOK_ALLOW_LOOPBACK=true, the local stack's explicit option): every event arrives signed
// so that the independent `standardwebhooks` package verifies it, carries nothing but the id, the event,
// the time and the reads left, and a receiver that fails or hangs never slows or fails a read.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { createApiClient, type ApiClient } from '../../core/api.ts';
import { prepareReveal, revealSecret, shareSecret } from '../../core/flows.ts';
import { parseLink } from '../../core/links.ts';
import { seal } from '../../core/envelope.ts';
import { startStack, tempDataDir, type RunningStack } from '../helpers/localStack.ts';

interface Delivery {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  readonly path: string;
}

let stack: RunningStack;
let api: ApiClient;
let receiver: Server;
let receiverUrl: string;
const deliveries: Delivery[] = [];
/** How the receiver answers the next deliveries: a status, or 'hang' (never answers). */
let answers: (number | 'hang')[] = [];
const hanging: ServerResponse[] = [];
/** Set when a held request's connection closed: the sender gave up on it (its timeout). */
let gaveUp = false;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      deliveries.push({ headers: req.headers, body, path: req.url ?? '' });
      const answer = answers.shift() ?? 204;
      if (answer === 'hang') {
        hanging.push(res);
        req.socket.once('close', () => (gaveUp = true));
      } else res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  stack = await startStack(tempDataDir(), { WEBHOOK_ALLOW_LOOPBACK: 'true' });
  api = createApiClient(stack.api);
}, 30_000);

afterAll(async () => {
  for (const res of hanging) res.destroy();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
  await stack?.stop();
});

beforeEach(() => {
  deliveries.length = 0;
  answers = [];
});

/** Waits until `count` deliveries arrived (the sender is asynchronous by design). */
async function delivered(count: number, withinMs = 15_000): Promise<Delivery[]> {
  const end = Date.now() + withinMs;
  while (deliveries.length < count && Date.now() < end)
    await new Promise((resolve) => setTimeout(resolve, 25));
  return [...deliveries];
}

/** A secret with a webhook, created straight through the API, and what reading it takes. */
async function hooked(maxReads: number, path = '/hooks', ttlSeconds?: number) {
  const sealed = await seal('fixture: webhook');
  const created = await api.create({
    ciphertext: sealed.ciphertext,
    readTokenHash: sealed.readTokenHash,
    maxReads,
    webhook: { url: receiverUrl.replace('/hooks', path) },
    ...(ttlSeconds === undefined ? {} : { ttlSeconds }),
  });
  expect(created.webhookSecret).toMatch(/^whsec_/);
  return { created, secret: created.webhookSecret!, readToken: sealed.readToken };
}

const verified = (secret: string, delivery: Delivery) =>
  new Webhook(secret).verify(delivery.body, {
    'webhook-id': String(delivery.headers['webhook-id']),
    'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
    'webhook-signature': String(delivery.headers['webhook-signature']),
  }) as { type: string; timestamp: string; data: Record<string, unknown> };

describe('webhook deliveries from the local stack', () => {
  it('tells each read and the burn, signed, with nothing but the id, event, time and reads left', async () => {
    const { created, secret, readToken } = await hooked(2);
    await api.read(created.id, readToken);
    await api.read(created.id, readToken);
    const got = await delivered(3);
    expect(got).toHaveLength(3);
    const events = got.map((d) => verified(secret, d));
    expect(events.map((e) => [e.type, e.data.remainingReads])).toEqual([
      ['secret.read', 1],
      ['secret.read', 0],
      ['secret.burned', 0],
    ]);
    for (const event of events) {
      expect(Object.keys(event).sort()).toEqual(['data', 'timestamp', 'type']);
      expect(event.data).toEqual({ id: created.id, remainingReads: expect.any(Number) });
    }
    for (const d of got) {
      expect(d.headers['content-type']).toBe('application/json');
      expect(d.body).not.toContain(readToken);
      expect(d.body).not.toContain('127.0.0.1');
    }
    // Another secret's key does not verify them.
    const other = await hooked(1);
    expect(() => verified(other.secret, got[0]!)).toThrow();
  });

  it('tells a revoke', async () => {
    const { created, secret } = await hooked(1);
    const manageToken = created.manageToken;
    await api.revoke(created.id, manageToken);
    const [delivery] = await delivered(1);
    expect(verified(secret, delivery!).type).toBe('secret.revoked');
  });

  it('tries again after a 500, with the same webhook-id, until the receiver takes it', async () => {
    answers = [500, 503];
    const { created, secret, readToken } = await hooked(2);
    await api.read(created.id, readToken);
    const got = await delivered(3, 20_000);
    expect(got).toHaveLength(3);
    expect(new Set(got.map((d) => d.headers['webhook-id'])).size).toBe(1);
    expect(verified(secret, got[2]!).type).toBe('secret.read');
  }, 30_000);

  it('never makes a read wait for a receiver that hangs: the read is answered while the receiver still holds the request', async () => {
    answers = ['hang'];
    const shared = await shareSecret(api, {
      secret: 'fixture: slow receiver',
      pageOrigin: stack.url,
      maxReads: 2,
    });
    // shareSecret sets no webhook: make one the API way and read it through the client core.
    const { created, readToken } = await hooked(2);
    const read = await api.read(created.id, readToken);
    expect(read.remainingReads).toBe(1);
    // Had the read waited for the delivery, the sender would have given up on the held request
    // (its timeout) before the read was answered.
    expect(gaveUp).toBe(false);
    const [delivery] = await delivered(1);
    expect(delivery).toBeDefined();
    expect(hanging).toHaveLength(1);
    // The stack still serves everything else while the delivery hangs.
    const revealed = await revealSecret(api, await prepareReveal(api, parseLink(shared.link)));
    expect(revealed.kind).toBe('text');
  });

  it('drops a notice the receiver refuses (404) after one try', async () => {
    answers = [404];
    const { created, readToken } = await hooked(2, '/gone');
    await api.read(created.id, readToken);
    await delivered(1);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(deliveries).toHaveLength(1);
  });
});

describe('the expiry event from the local stack', () => {
  // The shortest life a secret may have is a minute: this test waits for it.
  it('tells a secret that expired with reads left, and nothing for one burned before its expiry', async () => {
    const lapsed = await hooked(3, '/expiry-lapsed', 60);
    const burned = await hooked(1, '/expiry-burned', 60);
    await api.read(lapsed.created.id, lapsed.readToken);
    await api.read(burned.created.id, burned.readToken);
    const expiresAt = Date.parse(lapsed.created.expiresAt);
    const end = expiresAt + 15_000;
    const expiredAt = (path: string) =>
      deliveries.filter((d) => d.path === path && d.body.includes('secret.expired'));
    while (expiredAt('/expiry-lapsed').length === 0 && Date.now() < end)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const [delivery] = expiredAt('/expiry-lapsed');
    expect(delivery).toBeDefined();
    const event = verified(lapsed.secret, delivery!);
    expect(event).toMatchObject({
      type: 'secret.expired',
      data: { id: lapsed.created.id, remainingReads: 2 },
    });
    // Not before the expiry, and its time is the expiry's.
    expect(Number(delivery!.headers['webhook-timestamp']) * 1000).toBeGreaterThanOrEqual(
      expiresAt - 1000,
    );
    expect(event.timestamp).toBe(lapsed.created.expiresAt);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(expiredAt('/expiry-burned')).toHaveLength(0);
  }, 90_000);
});
