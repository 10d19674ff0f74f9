// POST /secrets/{id}/destroy at the AWS boundary: the recipient ends a secret it has read, with the
// read's own credentials (DynamoDB, S3 and SQS mocked with aws-sdk-client-mock).
import { beforeEach, describe, expect, it } from '@jest/globals';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { DeleteObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createHandler } from '../../lambdas/destroy/endpoint.ts';
import { SqsDeletionQueue } from '../../lambdas/common/deletions.ts';
import type { HandlerDeps } from '../../lambdas/common/deps.ts';
import { BODY_DELETE_DELAY_SECONDS, type SecretRecord } from '../../lambdas/common/lifecycle.ts';
import type { MetricName } from '../../lambdas/common/powertools.ts';
import { LIMITS } from '../../core/limits.ts';
import {
  TEST_BUCKET,
  captureOutput,
  conditionFailed,
  dynamo,
  json,
  s3,
  testDeps,
} from '../helpers/aws.ts';
import {
  apiEvent,
  credentials,
  lambdaContext,
  randomToken,
  record,
  withPassphrase,
} from '../helpers/fixtures.ts';

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/SecretSentry-test-ReaperQueue';
const sqs = mockClient(SQSClient);
const creds = credentials();
let counted: MetricName[];
let handler: ReturnType<typeof createHandler>;

beforeEach(() => {
  dynamo.reset();
  s3.reset();
  sqs.reset();
  sqs.on(SendMessageCommand).resolves({ MessageId: 'message-1' });
  s3.on(DeleteObjectCommand).resolves({});
  counted = [];
  const deps: HandlerDeps = testDeps({
    deletions: new SqsDeletionQueue(() => new SQSClient({ region: 'eu-west-1' }), QUEUE_URL),
    count: (metric) => counted.push(metric),
  });
  handler = createHandler(deps);
});

const invoke = (secret: SecretRecord, options: { token?: string; body?: unknown } = {}) =>
  handler(
    apiEvent({
      httpMethod: 'POST',
      resource: '/secrets/{id}/destroy',
      pathParameters: { id: secret.id },
      headers: {
        Authorization: `Bearer ${options.token ?? creds.readToken}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(options.body ?? {}),
    }),
    lambdaContext,
  );

const updates = () => dynamo.commandCalls(UpdateCommand).map((c) => c.args[0].input);
type UpdateInput = { ExpressionAttributeValues?: Record<string, unknown> };
const requestIdOf = (input: UpdateInput) => input.ExpressionAttributeValues?.[':rid'] as string;
const appliedTo =
  (secret: SecretRecord, change: Partial<SecretRecord>) =>
  (input: UpdateInput): { Attributes: SecretRecord } => ({
    Attributes: { ...secret, ...change, appliedRequests: new Set([requestIdOf(input)]) },
  });

/** A text read once of three. */
const readText = (overrides: Partial<SecretRecord> = {}) =>
  record(creds, {
    maxReads: 3,
    remainingReads: 2,
    reads: [{ at: new Date().toISOString() }],
    ...overrides,
  });

describe('POST /secrets/{id}/destroy', () => {
  it('ends a text with reads left as destroyed, takes no read, and deletes its exact version at once', async () => {
    const secret = readText();
    dynamo.on(GetCommand).resolves({ Item: secret });
    dynamo.on(UpdateCommand).callsFake(appliedTo(secret, { state: 'destroyed' }));

    const result = await invoke(secret);

    expect(result.statusCode).toBe(204);
    const [update] = updates();
    expect(update?.UpdateExpression).toMatch(/^SET #state = :destroyed, endedAt = :at /);
    expect(update?.UpdateExpression).not.toContain('remainingReads');
    expect(update?.ExpressionAttributeValues?.[':destroyed']).toBe('destroyed');
    expect(s3.commandCalls(DeleteObjectCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: TEST_BUCKET, Key: `secrets/${secret.id}`, VersionId: 'v-created' },
    ]);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
    expect(counted).toContain('SecretDestroyedByRecipient');
  });

  it("schedules a file body's deletion for later, as its last read would, and deletes nothing now", async () => {
    const secret = readText({
      kind: 'file',
      bodyBytes: 10,
      sealedAt: new Date().toISOString(),
      objectVersion: 'v-sealed',
    });
    dynamo.on(GetCommand).resolves({ Item: secret });
    dynamo.on(UpdateCommand).callsFake(appliedTo(secret, { state: 'destroyed' }));

    const result = await invoke(secret);

    expect(result.statusCode).toBe(204);
    expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(0);
    const messages = sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.DelaySeconds).toBe(BODY_DELETE_DELAY_SECONDS);
    expect(JSON.parse(messages[0]?.MessageBody ?? '{}')).toEqual({
      key: `secrets/${secret.id}`,
      versionId: 'v-sealed',
    });
  });

  it('answers 404 like an unknown id to a wrong read token, and writes nothing', async () => {
    const secret = readText();
    dynamo.on(GetCommand).resolves({ Item: secret });

    const wrong = await invoke(secret, { token: randomToken() });
    dynamo.on(GetCommand).resolves({});
    const unknown = await invoke(secret);

    expect(wrong.statusCode).toBe(404);
    expect(json(wrong)).toEqual(json(unknown));
    expect(updates()).toHaveLength(0);
    expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(0);
  });

  it('answers a repeat, once the secret has ended, 404 like a gone secret', async () => {
    const ended = readText({ state: 'destroyed', endedAt: new Date().toISOString() });
    dynamo.on(GetCommand).resolves({ Item: ended });

    const result = await invoke(ended);

    expect(result.statusCode).toBe(404);
    expect(json(result).error).toBe('not_found');
    expect(updates()).toHaveLength(0);
  });

  it('answers 404 and deletes nothing when a reader or the sender ended it between its get and its write', async () => {
    const secret = readText();
    dynamo
      .on(GetCommand)
      .resolvesOnce({ Item: secret })
      .resolves({ Item: { ...secret, state: 'revoked' } });
    dynamo.on(UpdateCommand).rejects(conditionFailed());

    const result = await invoke(secret);

    expect(result.statusCode).toBe(404);
    expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(0);
  });

  it('asks a protected secret for its verifier (401 unauthorized) and counts nothing without one', async () => {
    const secret = readText(withPassphrase(creds));
    dynamo.on(GetCommand).resolves({ Item: secret });

    const result = await invoke(secret);

    expect(result.statusCode).toBe(401);
    expect(json(result).error).toBe('unauthorized');
    expect(updates()).toHaveLength(0);
  });

  it('destroys a protected secret with the right verifier', async () => {
    const secret = readText(withPassphrase(creds));
    dynamo.on(GetCommand).resolves({ Item: secret });
    dynamo.on(UpdateCommand).callsFake(appliedTo(secret, { state: 'destroyed' }));

    const result = await invoke(secret, { body: { verifier: creds.verifier } });

    expect(result.statusCode).toBe(204);
    expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(1);
  });

  it('counts a wrong verifier as read does, and never destroys with it', async () => {
    const secret = readText(withPassphrase(creds));
    dynamo.on(GetCommand).resolves({ Item: secret });
    dynamo.on(UpdateCommand).callsFake(appliedTo(secret, { failedAttempts: 1 }));

    const result = await invoke(secret, { body: { verifier: randomToken() } });

    expect(result.statusCode).toBe(401);
    expect(json(result)).toMatchObject({
      error: 'wrong_passphrase',
      attemptsLeft: LIMITS.maxFailedAttempts - 1,
    });
    const [update] = updates();
    expect(update?.UpdateExpression).toContain('failedAttempts = failedAttempts + :one');
    expect(update?.UpdateExpression).not.toContain(':destroyed');
    expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(0);
  });

  it('answers 401 locked to the wrong verifier that makes five, as read does', async () => {
    const secret = readText({
      ...withPassphrase(creds),
      failedAttempts: LIMITS.maxFailedAttempts - 1,
    });
    dynamo.on(GetCommand).resolves({ Item: secret });
    dynamo
      .on(UpdateCommand)
      .callsFake(appliedTo(secret, { failedAttempts: LIMITS.maxFailedAttempts }));

    const result = await invoke(secret, { body: { verifier: randomToken() } });

    expect(result.statusCode).toBe(401);
    expect(json(result).error).toBe('locked');
  });

  it('logs no token or verifier', async () => {
    const output = captureOutput();
    try {
      const secret = readText(withPassphrase(creds));
      dynamo.on(GetCommand).resolves({ Item: secret });
      dynamo.on(UpdateCommand).rejects(new Error('socket hang up'));
      await invoke(secret, { body: { verifier: creds.verifier } });
    } finally {
      output.restore();
    }
    expect(output.text()).not.toContain(creds.readToken);
    expect(output.text()).not.toContain(creds.verifier);
  });
});
