// The webhook sender Lambda (lambdas/webhook) on an SQS batch: a notice is looked up, signed and
// posted; one the receiver failed (5xx, 429, down) comes back after a pause that doubles per receive
// (ChangeMessageVisibility) as a batch item failure; one it refused, one whose secret has no webhook,
// and a message that is no notice are dropped, never retried into anything else.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { Webhook } from 'standardwebhooks';
import { createHandler, queueUrlOf } from '../../lambdas/webhook/endpoint.ts';
import { retryDelaySeconds } from '../../lambdas/webhook/send.ts';
import { formatNotice, type WebhookNotice } from '../../lambdas/common/webhook-events.ts';
import { newWebhookSecret } from '../../lambdas/common/webhook-signing.ts';
import type { SecretRecord } from '../../lambdas/common/lifecycle.ts';
import { createTelemetry } from '../../lambdas/common/powertools.ts';
import { credentials, lambdaContext, randomId, record } from '../helpers/fixtures.ts';

const QUEUE_ARN = 'arn:aws:sqs:eu-west-1:123456789012:SecretSentry-dev-WebhooksQueue';
const sqs = mockClient(SQSClient);
let receiver: Server;
let answer = 204;
const received: { headers: Record<string, unknown>; body: string }[] = [];
let url: string;
const secret = newWebhookSecret();
const items = new Map<string, SecretRecord>();
const { logger } = createTelemetry('test');
const handler = createHandler({
  store: { get: async (id: string) => items.get(id) },
  now: () => new Date(),
  log: logger,
  logger,
  allowLoopback: true,
  timeoutMs: 2000,
  sqs: () => new SQSClient({ region: 'eu-west-1' }),
});

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});

afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

beforeEach(() => {
  sqs.reset();
  sqs.on(ChangeMessageVisibilityCommand).resolves({});
  received.length = 0;
  answer = 204;
  items.clear();
});

function hooked(): SecretRecord {
  const item = record(credentials(), { webhook: { url, secret } });
  items.set(item.id, item);
  return item;
}

const notice = (id: string, type: WebhookNotice['type'] = 'secret.read'): WebhookNotice => ({
  id,
  type,
  remainingReads: 1,
  at: '2026-12-01T12:00:00.000Z',
  messageId: `msg_${randomId()}`,
});

function sqsEvent(bodies: { body: string; receiveCount?: number }[]): SQSEvent {
  return {
    Records: bodies.map(
      ({ body, receiveCount = 1 }, i) =>
        ({
          messageId: `m-${i}`,
          receiptHandle: `r-${i}`,
          body,
          attributes: { ApproximateReceiveCount: String(receiveCount) },
          eventSourceARN: QUEUE_ARN,
        }) as unknown as SQSRecord,
    ),
  };
}

describe('the webhook sender', () => {
  it("posts a notice signed with the secret's key, with the queued time and id, and reports nothing", async () => {
    const item = hooked();
    const queued = notice(item.id);
    const result = await handler(sqsEvent([{ body: formatNotice(queued) }]), lambdaContext);
    expect(result).toEqual({ batchItemFailures: [] });
    expect(received).toHaveLength(1);
    const event = new Webhook(secret).verify(received[0]!.body, {
      'webhook-id': String(received[0]!.headers['webhook-id']),
      'webhook-timestamp': String(received[0]!.headers['webhook-timestamp']),
      'webhook-signature': String(received[0]!.headers['webhook-signature']),
    });
    expect(event).toEqual({
      type: 'secret.read',
      timestamp: '2026-12-01T12:00:00.000Z',
      data: { id: item.id, remainingReads: 1 },
    });
    expect(received[0]!.headers['webhook-id']).toBe(queued.messageId);
  });

  it.each([
    [500, 1, 30],
    [503, 2, 60],
    [429, 4, 240],
  ])(
    'brings a notice the receiver answered %i back after a doubling pause (receive %i: %i s)',
    async (status, receiveCount, pause) => {
      answer = status;
      const item = hooked();
      const result = await handler(
        sqsEvent([{ body: formatNotice(notice(item.id)), receiveCount }]),
        lambdaContext,
      );
      expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-0' }] });
      const change = sqs.commandCalls(ChangeMessageVisibilityCommand)[0]?.args[0].input;
      expect(change).toEqual({
        QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/SecretSentry-dev-WebhooksQueue',
        ReceiptHandle: 'r-0',
        VisibilityTimeout: pause,
      });
    },
  );

  it('drops what it must not retry: a refusal (404), a secret without a webhook, a message that is no notice', async () => {
    answer = 404;
    const item = hooked();
    const bare = record(credentials());
    items.set(bare.id, bare);
    const result = await handler(
      sqsEvent([
        { body: formatNotice(notice(item.id)) },
        { body: formatNotice(notice(bare.id)) },
        { body: formatNotice(notice(randomId())) },
        { body: '{"id":"x","type":"secret.read"}' },
        { body: 'not json' },
      ]),
      lambdaContext,
    );
    expect(result).toEqual({ batchItemFailures: [] });
    // Only the secret with a webhook was posted to.
    expect(received).toHaveLength(1);
    expect(sqs.calls()).toHaveLength(0);
  });

  it("doubles the pause up to SQS's 15 minutes", () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(retryDelaySeconds)).toEqual([
      30, 60, 120, 240, 480, 900, 900,
    ]);
  });

  it('turns a queue ARN into its URL, in China too', () => {
    expect(queueUrlOf(QUEUE_ARN)).toBe(
      'https://sqs.eu-west-1.amazonaws.com/123456789012/SecretSentry-dev-WebhooksQueue',
    );
    expect(queueUrlOf('arn:aws-cn:sqs:cn-north-1:123456789012:q')).toBe(
      'https://sqs.cn-north-1.amazonaws.com.cn/123456789012/q',
    );
  });
});
