// secret.expired (issue 15, part 3): create sets an expiry alarm for a secret with a webhook (in AWS a
// one-time EventBridge Scheduler schedule that deletes itself, locally a timer); when it comes due
// the sender tells only a secret that did expire with reads left, and puts off one not yet expired.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { Webhook } from 'standardwebhooks';
import { createHandler as createCreate } from '../../lambdas/create/endpoint.ts';
import { SchedulerExpiryAlarm, scheduleExpression } from '../../lambdas/common/expiry-scheduler.ts';
import type { MetricName } from '../../lambdas/common/powertools.ts';
import type { SecretRecord } from '../../lambdas/common/lifecycle.ts';
import { createTelemetry } from '../../lambdas/common/powertools.ts';
import { parseNotice, type WebhookNotice } from '../../lambdas/common/webhook-events.ts';
import { expiryNotice, type ExpiryAlarm } from '../../lambdas/common/webhook-expiry.ts';
import { sendNotice } from '../../lambdas/common/webhook-send.ts';
import { newWebhookSecret } from '../../lambdas/common/webhook-signing.ts';
import { LocalExpiryAlarm } from '../../local/webhooks.ts';
import { dynamo, json, s3, testDeps } from '../helpers/aws.ts';
import { b64, callHandler, credentials, record, sampleJwe } from '../helpers/fixtures.ts';

const NOW = new Date('2026-12-01T12:00:30.250Z');
const scheduler = mockClient(SchedulerClient);
const lookup = async () => [{ address: '93.184.215.14', family: 4 as const }];

describe('create', () => {
  let alarms: { notice: WebhookNotice; at: Date }[];
  let counted: MetricName[];
  let failing: boolean;
  const alarm: ExpiryAlarm = {
    set: async (notice, at) => {
      if (failing) throw Object.assign(new Error('scheduler down'), { name: 'ServiceUnavailable' });
      alarms.push({ notice, at });
    },
  };
  const handler = createCreate(
    testDeps({
      now: () => NOW,
      expiryAlarm: alarm,
      webhookLookup: lookup,
      count: (metric) => void counted.push(metric),
    }),
  );
  const create = async (fields: Record<string, unknown>) =>
    callHandler(handler, {
      method: 'POST',
      body: {
        ciphertext: await sampleJwe(),
        readTokenHash: b64(Buffer.alloc(32, 7)),
        ttlSeconds: 3600,
        maxReads: 3,
        ...fields,
      },
    });

  beforeEach(() => {
    dynamo.reset();
    s3.reset();
    s3.on(PutObjectCommand).resolves({ VersionId: 'v' });
    dynamo.on(PutCommand).resolves({});
    alarms = [];
    counted = [];
    failing = false;
  });

  it('sets an alarm at the expiry for a secret with a webhook, carrying its id and nothing secret', async () => {
    const result = await create({ webhook: { url: 'https://hooks.example.com/x' } });
    expect(result.statusCode).toBe(201);
    const [set] = alarms;
    expect(alarms).toHaveLength(1);
    expect(set?.at.toISOString()).toBe(json(result).expiresAt);
    expect(set?.notice).toMatchObject({
      id: json(result).id,
      type: 'secret.expired',
      remainingReads: 3,
      at: json(result).expiresAt,
    });
    expect(Object.keys(set?.notice ?? {}).sort()).toEqual([
      'at',
      'id',
      'messageId',
      'remainingReads',
      'type',
    ]);
  });

  it('sets none for a secret without a webhook', async () => {
    expect((await create({})).statusCode).toBe(201);
    expect(alarms).toHaveLength(0);
  });

  it('still creates (201) when the alarm cannot be set, and counts it', async () => {
    failing = true;
    const result = await create({ webhook: { url: 'https://hooks.example.com/x' } });
    expect(result.statusCode).toBe(201);
    expect(counted).toContain('WebhookNotQueued');
  });
});

describe('the alarm in AWS', () => {
  beforeEach(() => {
    scheduler.reset();
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn' });
  });

  it('is set for the first whole minute after the expiry (the scheduler fires within that minute)', () => {
    expect(scheduleExpression(new Date('2026-12-04T12:00:30.250Z'))).toBe(
      'at(2026-12-04T12:01:00)',
    );
    expect(scheduleExpression(new Date('2026-12-04T12:00:00.000Z'))).toBe(
      'at(2026-12-04T12:01:00)',
    );
    expect(scheduleExpression(new Date('2026-12-31T23:59:59.999Z'))).toBe(
      'at(2027-01-01T00:00:00)',
    );
  });

  it('is a one-time schedule in its group that sends the notice to the queue as its role, then deletes itself', async () => {
    const alarm = new SchedulerExpiryAlarm(() => new SchedulerClient({ region: 'eu-west-1' }), {
      groupName: 'SecretSentry-dev-expiry',
      queueArn: 'arn:aws:sqs:eu-west-1:123456789012:q',
      roleArn: 'arn:aws:iam::123456789012:role/expiry',
    });
    const notice = expiryNotice({ id: 'A'.repeat(22), expiresAt: NOW.getTime(), maxReads: 2 });
    await alarm.set(notice, NOW);
    const input = scheduler.commandCalls(CreateScheduleCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      Name: `expiry-${'A'.repeat(22)}`,
      GroupName: 'SecretSentry-dev-expiry',
      ScheduleExpression: 'at(2026-12-01T12:01:00)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: 'arn:aws:sqs:eu-west-1:123456789012:q',
        RoleArn: 'arn:aws:iam::123456789012:role/expiry',
      },
    });
    // The sender parses what the schedule sends as any notice.
    expect(parseNotice(input?.Target?.Input ?? '')).toEqual(notice);
  });
});

describe('the alarm locally', () => {
  it('queues its notice once the time has come, and no alarm after a stop', async () => {
    const queued: WebhookNotice[] = [];
    const alarm = new LocalExpiryAlarm({ enqueue: async (n) => void queued.push(...n) });
    const soon = expiryNotice({ id: 'B'.repeat(22), expiresAt: Date.now() + 100, maxReads: 1 });
    const later = expiryNotice({ id: 'C'.repeat(22), expiresAt: Date.now() + 400, maxReads: 1 });
    await alarm.set(soon, new Date(Date.parse(soon.at)));
    await alarm.set(later, new Date(Date.parse(later.at)));
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(queued.map((n) => n.id)).toEqual([soon.id]);
    alarm.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(queued.map((n) => n.id)).toEqual([soon.id]);
    await expect(alarm.set(soon, new Date())).rejects.toThrow();
  });
});

describe('the sender, when the alarm comes due', () => {
  let receiver: Server;
  const received: { headers: Record<string, unknown>; body: string }[] = [];
  let url: string;
  const secret = newWebhookSecret();
  const { logger } = createTelemetry('test');

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });

  afterAll(async () => {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  });

  // The real clock: a receiver refuses a signature whose timestamp is not recent.
  const expiresAt = Date.now() - 1000;
  const send = (item: SecretRecord, now = new Date()) =>
    sendNotice(
      { store: { get: async () => item }, now: () => now, log: logger, allowLoopback: true },
      expiryNotice(item),
    );
  const withHook = (overrides: Partial<SecretRecord>) =>
    record(credentials(), {
      expiresAt,
      maxReads: 3,
      remainingReads: 2,
      webhook: { url, secret },
      ...overrides,
    });

  it('tells a secret that expired with reads left, with those reads, signed', async () => {
    received.length = 0;
    const item = withHook({});
    expect(await send(item)).toBe('delivered');
    const [delivery] = received;
    const event = new Webhook(secret).verify(delivery?.body ?? '', delivery?.headers as never) as {
      type: string;
      data: unknown;
    };
    expect(event).toMatchObject({
      type: 'secret.expired',
      data: { id: item.id, remainingReads: 2 },
    });
  });

  it.each([
    ['burned by its last read', { remainingReads: 0 }],
    ['revoked', { state: 'revoked' as const }],
    ['destroyed by a recipient', { state: 'destroyed' as const }],
    ['locked by wrong passphrases', { failedAttempts: 5 }],
    ['a file never sealed', { state: 'pending' as const, kind: 'file' as const }],
  ])('drops it for a secret %s before its expiry, posting nothing', async (_, overrides) => {
    received.length = 0;
    expect(await send(withHook(overrides))).toBe('dropped');
    expect(received).toHaveLength(0);
  });

  it('puts it off (retry) for a secret not expired yet, posting nothing', async () => {
    received.length = 0;
    expect(await send(withHook({}), new Date(expiresAt - 5000))).toBe('retry');
    expect(received).toHaveLength(0);
  });
});
