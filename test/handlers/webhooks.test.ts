// Signed webhooks at the AWS boundary (issue 15, part 3): create checks the URL before writing
// anything and answers the signing secret once; read, the burn, a lock, destroy and revoke queue one
// notice each (SQS SendMessageBatch), holding no URL, no secret and nothing the caller sent; a queue
// that fails never fails the request.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { Webhook } from 'standardwebhooks';
import { createHandler as createCreate } from '../../lambdas/create/endpoint.ts';
import { createHandler as createDestroy } from '../../lambdas/destroy/endpoint.ts';
import { createHandler as createRead } from '../../lambdas/read/endpoint.ts';
import { createHandler as createRevoke } from '../../lambdas/revoke/endpoint.ts';
import type { HandlerDeps } from '../../lambdas/common/deps.ts';
import type { SecretRecord } from '../../lambdas/common/lifecycle.ts';
import type { MetricName } from '../../lambdas/common/powertools.ts';
import { SqsWebhookQueue, parseNotice } from '../../lambdas/common/webhook-events.ts';
import { signWebhook } from '../../lambdas/common/webhook-signing.ts';
import { captureOutput, dynamo, json, objectBody, s3, testDeps } from '../helpers/aws.ts';
import {
  callHandler,
  b64,
  credentials,
  record,
  sampleJwe,
  withPassphrase,
} from '../helpers/fixtures.ts';

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/SecretSentry-test-Webhooks';
const sqs = mockClient(SQSClient);
const creds = credentials();
const readTokenHash = b64(Buffer.alloc(32, 9));
const HOOK = {
  url: 'https://hooks.example.com/secretsentry?token=abc',
  secret: 'whsec_' + 'A'.repeat(43) + '=',
};
/** hooks.example.com is public here; internal.example.com has one private address among public. */
const lookup = async (host: string) =>
  host === 'hooks.example.com'
    ? [{ address: '93.184.215.14', family: 4 as const }]
    : host === 'internal.example.com'
      ? [
          { address: '93.184.215.14', family: 4 as const },
          { address: '10.0.0.7', family: 4 as const },
        ]
      : host === 'loopback.example.com'
        ? [{ address: '127.0.0.1', family: 4 as const }]
        : [];

let counted: MetricName[];
let deps: HandlerDeps;
let jwe: string;

beforeEach(async () => {
  dynamo.reset();
  s3.reset();
  sqs.reset();
  jwe ??= await sampleJwe();
  sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
  s3.on(PutObjectCommand).resolves({ VersionId: 'v-put' });
  s3.on(DeleteObjectCommand).resolves({});
  dynamo.on(PutCommand).resolves({});
  counted = [];
  deps = testDeps({
    webhooks: new SqsWebhookQueue(() => new SQSClient({ region: 'eu-west-1' }), QUEUE_URL),
    webhookLookup: lookup,
    count: (metric) => counted.push(metric),
  });
});

/** Every notice queued so far, parsed back as the sender Lambda would. */
const notices = () =>
  sqs
    .commandCalls(SendMessageBatchCommand)
    .flatMap((c) => c.args[0].input.Entries ?? [])
    .map((entry) => ({
      raw: entry.MessageBody ?? '',
      notice: parseNotice(entry.MessageBody ?? ''),
    }));

describe('create with a webhook', () => {
  const create = (webhook: unknown) =>
    callHandler(createCreate(deps), {
      method: 'POST',
      body: { ciphertext: jwe, readTokenHash, webhook },
    });

  it('stores the URL with a new signing secret, and answers the secret once', async () => {
    const result = await create({ url: HOOK.url });
    expect(result.statusCode).toBe(201);
    const { webhookSecret } = json(result) as { webhookSecret: string };
    expect(webhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const item = dynamo.commandCalls(PutCommand)[0]?.args[0].input.Item as SecretRecord;
    expect(item.webhook).toEqual({ url: HOOK.url, secret: webhookSecret });
    // The secret signs what a receiver verifies with the independent implementation.
    const headers = signWebhook(webhookSecret, {
      id: 'msg_x',
      timestamp: Math.floor(Date.now() / 1000),
      body: '{}',
    });
    expect(() => new Webhook(webhookSecret).verify('{}', headers)).not.toThrow();
  });

  it('draws a different secret for every secret', async () => {
    const a = json(await create({ url: HOOK.url })).webhookSecret;
    const b = json(await create({ url: HOOK.url })).webhookSecret;
    expect(a).not.toBe(b);
  });

  it.each([
    ['http://', 'http://hooks.example.com/in', /must be https/],
    ['the metadata address', 'https://169.254.169.254/latest/meta-data', /public/],
    ['a private address', 'https://10.1.2.3/in', /public/],
    ['IPv6 loopback', 'https://[::1]/in', /public/],
    ['localhost', 'https://localhost/in', /public/],
    ['a name resolving to 127.0.0.1', 'https://loopback.example.com/in', /public/],
    ['a name with one private address', 'https://internal.example.com/in', /public/],
    ['a name that does not resolve', 'https://nowhere.example.com/in', /webhook\.url/],
    ['credentials in the URL', 'https://user:pass@hooks.example.com/in', /webhook\.url/],
    ['not a URL', 'hooks.example.com/in', /webhook\.url/],
  ])('refuses %s with 400, writing nothing and quoting nothing', async (_, url, message) => {
    const result = await create({ url });
    expect(result.statusCode).toBe(400);
    expect(json(result).error).toBe('invalid_request');
    expect(json(result).message).toMatch(message);
    expect(result.body).not.toContain(url);
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it.each([
    ['a string', 'https://hooks.example.com/in', /webhook: must be an object \{url\}/],
    ['an unknown field', { url: HOOK.url, events: ['read'] }, /Unknown field: webhook\.events/],
    ['a URL too long', { url: `https://hooks.example.com/${'a'.repeat(2048)}` }, /at most 2048/],
  ])('refuses %s in the body with 400', async (_, webhook, message) => {
    const result = await create(webhook);
    expect(result.statusCode).toBe(400);
    expect(json(result).message).toMatch(message);
  });
});

describe('events', () => {
  const hooked = (overrides: Partial<SecretRecord> = {}) =>
    record(creds, { webhook: HOOK, maxReads: 2, remainingReads: 2, ...overrides });
  const read = (secret: SecretRecord, body?: unknown) =>
    callHandler(createRead(deps), { method: 'POST', id: secret.id, token: creds.readToken, body });

  function readable(secret: SecretRecord, remainingAfter: number) {
    dynamo.on(GetCommand).resolves({ Item: secret });
    s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v-created' });
    dynamo
      .on(UpdateCommand)
      .callsFake((input: { ExpressionAttributeValues?: Record<string, unknown> }) => ({
        Attributes: {
          ...secret,
          remainingReads: remainingAfter,
          appliedRequests: new Set([input.ExpressionAttributeValues?.[':rid'] as string]),
        },
      }));
  }

  it('a read queues secret.read with the reads left, and nothing else', async () => {
    const secret = hooked();
    readable(secret, 1);
    expect((await read(secret)).statusCode).toBe(200);
    const queued = notices();
    expect(queued.map((q) => q.notice)).toEqual([
      {
        id: secret.id,
        type: 'secret.read',
        remainingReads: 1,
        at: expect.any(String),
        messageId: expect.stringMatching(/^msg_/),
      },
    ]);
    // No URL, no signing secret, no token, no ciphertext on the queue.
    for (const value of [HOOK.url, HOOK.secret, creds.readToken, jwe, 'hooks.example.com'])
      expect(queued[0]?.raw).not.toContain(value);
  });

  it('the last read queues secret.read and secret.burned, in that order, in one batch', async () => {
    const secret = hooked({ remainingReads: 1 });
    readable(secret, 0);
    expect((await read(secret)).statusCode).toBe(200);
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(1);
    expect(notices().map((q) => [q.notice?.type, q.notice?.remainingReads])).toEqual([
      ['secret.read', 0],
      ['secret.burned', 0],
    ]);
    const ids = notices().map((q) => q.notice?.messageId);
    expect(new Set(ids).size).toBe(2);
  });

  it('a secret without a webhook queues nothing (no SQS call at all)', async () => {
    const secret = record(creds, { maxReads: 2, remainingReads: 2 });
    readable(secret, 1);
    expect((await read(secret)).statusCode).toBe(200);
    expect(sqs.calls()).toHaveLength(0);
  });

  it('the fifth wrong passphrase queues secret.locked', async () => {
    const secret = hooked({ ...withPassphrase(creds), failedAttempts: 4 });
    dynamo.on(GetCommand).resolves({ Item: secret });
    s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe) });
    dynamo.on(UpdateCommand).resolves({ Attributes: { ...secret, failedAttempts: 5 } });
    const result = await read(secret, { verifier: b64(Buffer.alloc(32, 1)) });
    expect(json(result).error).toBe('locked');
    expect(notices().map((q) => q.notice?.type)).toEqual(['secret.locked']);
  });

  it('destroy queues secret.destroyed, revoke secret.revoked', async () => {
    const secret = hooked({ reads: [{ at: new Date().toISOString() }], remainingReads: 1 });
    dynamo.on(GetCommand).resolves({ Item: secret });
    dynamo
      .on(UpdateCommand)
      .callsFake((input: { ExpressionAttributeValues?: Record<string, unknown> }) => ({
        Attributes: {
          ...secret,
          state: 'destroyed',
          appliedRequests: new Set([input.ExpressionAttributeValues?.[':rid'] as string]),
        },
      }));
    expect(
      (
        await callHandler(createDestroy(deps), {
          method: 'POST',
          id: secret.id,
          token: creds.readToken,
          body: {},
        })
      ).statusCode,
    ).toBe(204);

    const other = hooked();
    dynamo.on(GetCommand).resolves({ Item: other });
    dynamo.on(UpdateCommand).resolves({ Attributes: { ...other, state: 'revoked' } });
    expect(
      (
        await callHandler(createRevoke(deps), {
          method: 'DELETE',
          id: other.id,
          token: creds.manageToken,
        })
      ).statusCode,
    ).toBe(204);

    expect(notices().map((q) => [q.notice?.id, q.notice?.type])).toEqual([
      [secret.id, 'secret.destroyed'],
      [other.id, 'secret.revoked'],
    ]);
  });

  it('a queue that fails never fails the read: 200, logged by id and failure name, counted', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .rejects(Object.assign(new Error(`${QUEUE_URL} is down`), { name: 'QueueDoesNotExist' }));
    const secret = hooked();
    readable(secret, 1);
    const output = captureOutput();
    let result;
    try {
      result = await read(secret);
    } finally {
      output.restore();
    }
    expect(result.statusCode).toBe(200);
    expect(counted).toContain('WebhookNotQueued');
    expect(output.text()).toContain('QueueDoesNotExist');
    expect(output.text()).not.toContain(QUEUE_URL);
    expect(output.text()).not.toContain(HOOK.url);
  });

  it('SQS refusing part of the batch counts as not queued', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .resolves({ Successful: [], Failed: [{ Id: '0', Code: 'x', SenderFault: true }] });
    const secret = hooked();
    readable(secret, 1);
    expect((await read(secret)).statusCode).toBe(200);
    expect(counted).toContain('WebhookNotQueued');
  });
});
