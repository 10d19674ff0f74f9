// One delivery attempt against a real HTTP receiver on 127.0.0.1: what it sends, what each answer
// means for retrying, and that refused targets are refused before any connection.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import {
  deliverWebhook,
  WebhookDeliveryError,
  type DeliveryOptions,
} from '../../lambdas/common/webhook-delivery.ts';
import {
  newWebhookId,
  newWebhookSecret,
  webhookEvent,
} from '../../lambdas/common/webhook-signing.ts';
import { resolveWebhookTarget, type LookupAddress } from '../../lambdas/common/webhook-target.ts';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A receiver on 127.0.0.1 that records what reaches it and answers with `answer`. */
interface Receiver {
  readonly server: Server;
  readonly port: number;
  readonly received: Received[];
  /** TCP connections, so "nothing reached it" covers attempts that never became requests. */
  connections: number;
}

const receivers: Receiver[] = [];

async function startReceiver(answer: (response: ServerResponse) => void): Promise<Receiver> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      answer(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const receiver: Receiver = {
    server,
    port: (server.address() as AddressInfo).port,
    received,
    connections: 0,
  };
  server.on('connection', () => receiver.connections++);
  receivers.push(receiver);
  return receiver;
}

const answerWith =
  (status: number, headers: Record<string, string> = {}) =>
  (response: ServerResponse) =>
    response.writeHead(status, headers).end('ok');

const SECRET_ID = 'AAECAwQFBgcICQoLDA0ODw';
let secret: string;
let body: string;
const LOOPBACK: Pick<DeliveryOptions, 'now' | 'allowLoopback'> = {
  now: () => new Date(),
  allowLoopback: true,
};

const delivery = (url: string) => ({ url, secret, id: newWebhookId(), body });
const answering =
  (...addresses: string[]) =>
  async (): Promise<LookupAddress[]> =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

/** What the attempt threw, which must be a WebhookDeliveryError. */
async function failure(attempt: Promise<void>): Promise<WebhookDeliveryError> {
  const error: unknown = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebhookDeliveryError);
  return error as WebhookDeliveryError;
}

beforeEach(() => {
  secret = newWebhookSecret();
  body = webhookEvent('secret.read', { id: SECRET_ID, remainingReads: 1 }, new Date());
});

afterEach(async () => {
  for (const { server } of receivers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('deliverWebhook', () => {
  it('POSTs the event with headers that the standardwebhooks library verifies', async () => {
    const receiver = await startReceiver(answerWith(204));
    const sentAt = new Date(Date.now() - 5000);
    const sent = delivery(`http://127.0.0.1:${receiver.port}/in?token=t0ken`);

    await deliverWebhook(sent, { ...LOOPBACK, now: () => sentAt });

    expect(receiver.received).toHaveLength(1);
    const [{ headers, body: got }] = receiver.received as [Received];
    expect(got).toBe(body);
    expect(headers['content-type']).toBe('application/json');
    expect(headers['user-agent']).toBe('SecretSentry-Webhook/1');
    expect(headers['webhook-id']).toBe(sent.id);
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(sentAt.getTime() / 1000)));
    expect(new Webhook(secret).verify(got, headers as Record<string, string>)).toEqual(
      JSON.parse(body),
    );
  });

  it('connects to the checked address while Host keeps the name', async () => {
    const receiver = await startReceiver(answerWith(200));
    // The system resolver (glibc) does not know this name, so the request can only arrive through
    // the address the injected lookup gave and the check approved.
    const host = `webhook-receiver.localhost:${receiver.port}`;
    const lookup = answering('127.0.0.1');

    await deliverWebhook(delivery(`http://${host}/in`), { ...LOOPBACK, lookup });

    expect(receiver.received[0]?.headers.host).toBe(host);
  });

  it('fails retryably when the receiver answers 500', async () => {
    const receiver = await startReceiver(answerWith(500));
    const url = `http://127.0.0.1:${receiver.port}/in`;
    const error = await failure(deliverWebhook(delivery(url), LOOPBACK));
    expect(error).toMatchObject({ failure: 'status', status: 500, retryable: true });
  });

  it.each([408, 429, 503])('fails retryably when the receiver answers %i', async (status) => {
    const receiver = await startReceiver(answerWith(status));
    const url = `http://127.0.0.1:${receiver.port}/in`;
    expect((await failure(deliverWebhook(delivery(url), LOOPBACK))).retryable).toBe(true);
  });

  it('fails for good when the receiver answers 404', async () => {
    const receiver = await startReceiver(answerWith(404));
    const url = `http://127.0.0.1:${receiver.port}/in`;
    const error = await failure(deliverWebhook(delivery(url), LOOPBACK));
    expect(error).toMatchObject({ failure: 'status', status: 404, retryable: false });
  });

  it('does not follow a redirect, and fails for good', async () => {
    const target = await startReceiver(answerWith(200));
    const location = `http://127.0.0.1:${target.port}/elsewhere`;
    const redirecting = await startReceiver(answerWith(307, { location }));
    const url = `http://127.0.0.1:${redirecting.port}/in`;

    const error = await failure(deliverWebhook(delivery(url), LOOPBACK));

    expect(error).toMatchObject({ failure: 'status', status: 307, retryable: false });
    expect(redirecting.received).toHaveLength(1);
    expect(target.connections).toBe(0);
  });

  it('gives up on a receiver that never answers after timeoutMs, retryably', async () => {
    const receiver = await startReceiver(() => undefined);
    const url = `http://127.0.0.1:${receiver.port}/in`;
    const started = performance.now();

    const error = await failure(deliverWebhook(delivery(url), { ...LOOPBACK, timeoutMs: 300 }));

    const elapsed = performance.now() - started;
    expect(error).toMatchObject({ failure: 'timeout', retryable: true });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1500);
    expect(receiver.received).toHaveLength(1);
  });

  it('gives up on a lookup that never answers after timeoutMs, retryably', async () => {
    const lookup = () => new Promise<LookupAddress[]>(() => undefined);
    const url = 'https://hooks.example.com/in';
    const started = performance.now();

    const error = await failure(
      deliverWebhook(delivery(url), { ...LOOPBACK, lookup, timeoutMs: 200 }),
    );

    expect(error).toMatchObject({ failure: 'timeout', retryable: true });
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('fails retryably when the name does not resolve at send time', async () => {
    const lookup = () => Promise.reject(Object.assign(new Error('lookup'), { code: 'EAI_AGAIN' }));
    const url = 'https://hooks.example.com/in';
    const error = await failure(deliverWebhook(delivery(url), { now: () => new Date(), lookup }));
    expect(error).toMatchObject({ failure: 'unresolvable', retryable: true });
  });

  it('fails for good, before connecting, when the stored secret cannot sign', async () => {
    const receiver = await startReceiver(answerWith(200));
    const url = `http://127.0.0.1:${receiver.port}/in`;
    const sent = { ...delivery(url), secret: 'whsec_short' };

    const error = await failure(deliverWebhook(sent, LOOPBACK));

    expect(error).toMatchObject({ failure: 'invalid', retryable: false });
    expect(receiver.connections).toBe(0);
  });

  it('counts a 2xx as delivered without reading an endless answer', async () => {
    const receiver = await startReceiver((response) => {
      response.writeHead(200);
      response.write(Buffer.alloc(64 * 1024));
    });
    const url = `http://127.0.0.1:${receiver.port}/in`;
    const started = performance.now();

    await deliverWebhook(delivery(url), { ...LOOPBACK, timeoutMs: 2000 });

    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('fails retryably when nothing listens', async () => {
    const receiver = await startReceiver(answerWith(200));
    const url = `http://127.0.0.1:${receiver.port}/in`;
    await new Promise((resolve) => receiver.server.close(resolve));
    const error = await failure(deliverWebhook(delivery(url), LOOPBACK));
    expect(error).toMatchObject({ failure: 'network', retryable: true });
    expect(error.message).toContain('ECONNREFUSED');
  });

  it.each([
    ['plain http', 'http'],
    ['https', 'https'],
  ])(
    'refuses a 127.0.0.1 URL over %s without allowLoopback, before connecting',
    async (_what, scheme) => {
      const receiver = await startReceiver(answerWith(200));
      const url = `${scheme}://127.0.0.1:${receiver.port}/in`;

      const error = await failure(deliverWebhook(delivery(url), { now: () => new Date() }));

      expect(error.retryable).toBe(false);
      expect(error.failure).toBe('refused');
      expect(receiver.connections).toBe(0);
    },
  );

  it('refuses a name that resolves to loopback without allowLoopback, before connecting', async () => {
    const receiver = await startReceiver(answerWith(200));
    const url = `https://hooks.example.com:${receiver.port}/in`;
    const options = { now: () => new Date(), lookup: answering('127.0.0.1') };

    const error = await failure(deliverWebhook(delivery(url), options));

    expect(error).toMatchObject({ failure: 'refused', retryable: false });
    expect(receiver.connections).toBe(0);
  });

  it('refuses at send time a name that resolved to a public address at create (DNS rebinding)', async () => {
    const url = 'https://hooks.example.com/in';
    let answer = '93.184.215.14';
    const lookup = async (): Promise<LookupAddress[]> => [{ address: answer, family: 4 }];
    await resolveWebhookTarget(new URL(url), { lookup });

    answer = '169.254.169.254';
    const error = await failure(deliverWebhook(delivery(url), { now: () => new Date(), lookup }));

    expect(error).toMatchObject({ failure: 'refused', retryable: false });
  });

  it('says what failed without the query or the secret', async () => {
    const receiver = await startReceiver(answerWith(500));
    const url = `http://127.0.0.1:${receiver.port}/in?token=t0ken-in-query`;

    const statusError = await failure(deliverWebhook(delivery(url), LOOPBACK));
    const refused = await failure(deliverWebhook(delivery(url), { now: () => new Date() }));
    await new Promise((resolve) => receiver.server.close(resolve));
    const network = await failure(deliverWebhook(delivery(url), LOOPBACK));

    expect(network.failure).toBe('network');
    for (const error of [statusError, refused, network]) {
      const shown = `${String(error)} ${JSON.stringify(error)} ${error.stack ?? ''}`;
      expect(shown).not.toContain('t0ken-in-query');
      expect(shown).not.toContain(secret.slice('whsec_'.length, 20));
    }
  });
});
