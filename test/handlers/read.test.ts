import { beforeEach, describe, expect, it } from '@jest/globals';
import { DeleteObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { handler } from '../../lambdas/read/handler.ts';
import { conditionFailed, dynamo, json, objectBody, s3 } from '../helpers/aws.ts';
import {
  apiEvent,
  credentials,
  lambdaContext,
  record,
  sampleJwe,
  withPassphrase,
} from '../helpers/fixtures.ts';
import type { SecretRecord } from '../../lambdas/shared/lifecycle.ts';

const creds = credentials();
let jwe: string;

const readEvent = (secret: SecretRecord, overrides: { token?: string; body?: unknown } = {}) =>
  apiEvent({
    httpMethod: 'POST',
    resource: '/secrets/{id}/read',
    pathParameters: { id: secret.id },
    headers: {
      ...('token' in overrides && overrides.token === undefined
        ? {}
        : { Authorization: `Bearer ${overrides.token ?? creds.readToken}` }),
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(overrides.body ?? {}),
  });

const invoke = (secret: SecretRecord, overrides: { token?: string; body?: unknown } = {}) =>
  handler(readEvent(secret, overrides), lambdaContext);

const updates = () => dynamo.commandCalls(UpdateCommand).map((c) => c.args[0].input);

beforeEach(async () => {
  dynamo.reset();
  s3.reset();
  jwe ??= await sampleJwe();
});

describe('POST /secrets/{id}/read', () => {
  it('returns the ciphertext and consumes one read, conditioned on the exact count seen', async () => {
    const secret = record(creds, { maxReads: 3, remainingReads: 3 });
    dynamo.on(GetCommand).resolves({ Item: secret });
    s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v-1' });
    dynamo.on(UpdateCommand).resolves({});

    const result = await invoke(secret);

    expect(result.statusCode).toBe(200);
    expect(json(result)).toEqual({
      ciphertext: jwe,
      remainingReads: 2,
      expiresAt: new Date(secret.expiresAt).toISOString(),
    });
    const [update] = updates();
    expect(update?.ConditionExpression).toBe(
      '#state = :active AND remainingReads = :seen AND expiresAt > :now',
    );
    expect(update?.ExpressionAttributeValues).toMatchObject({ ':seen': 3, ':next': 2 });
    expect(update?.UpdateExpression).not.toContain(':burned');
    expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(0);
  });

  it('fetches the ciphertext before it consumes anything', async () => {
    const secret = record(creds);
    dynamo.on(GetCommand).resolves({ Item: secret });
    s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v-1' });
    dynamo.on(UpdateCommand).resolves({});
    await invoke(secret);
    const getObject = s3.commandCalls(GetObjectCommand)[0];
    const update = dynamo.commandCalls(UpdateCommand)[0];
    expect(getObject && update && getObject.calledBefore(update)).toBe(true);
  });

  it('burns the secret on the last read and deletes the object with its VersionId', async () => {
    const secret = record(creds, { remainingReads: 1 });
    dynamo.on(GetCommand).resolves({ Item: secret });
    s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v-read' });
    dynamo.on(UpdateCommand).resolves({});
    s3.on(DeleteObjectCommand).resolves({});

    const result = await invoke(secret);

    expect(result.statusCode).toBe(200);
    expect(json(result).remainingReads).toBe(0);
    expect(updates()[0]?.UpdateExpression).toContain('#state = :burned');
    expect(s3.commandCalls(DeleteObjectCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: 'test-vault', Key: `secrets/${secret.id}`, VersionId: 'v-read' },
    ]);
  });

  it('answers 503 and consumes nothing when S3 GetObject fails', async () => {
    const secret = record(creds);
    dynamo.on(GetCommand).resolves({ Item: secret });
    s3.on(GetObjectCommand).rejects(new Error('socket hang up'));

    const result = await invoke(secret);

    expect(result.statusCode).toBe(503);
    expect(json(result)).toEqual({
      error: 'unavailable',
      message: 'The service is temporarily unavailable; nothing was consumed. Try again.',
    });
    expect(updates()).toHaveLength(0);
  });

  it('retries a lost race on the fresh count and never over-consumes', async () => {
    const secret = record(creds, { maxReads: 3, remainingReads: 3 });
    dynamo
      .on(GetCommand)
      .resolvesOnce({ Item: secret })
      .resolvesOnce({ Item: { ...secret, remainingReads: 2 } });
    s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v-1' });
    dynamo.on(UpdateCommand).rejectsOnce(conditionFailed()).resolves({});

    const result = await invoke(secret);

    expect(result.statusCode).toBe(200);
    expect(json(result).remainingReads).toBe(1);
    expect(updates().map((u) => u?.ExpressionAttributeValues?.[':seen'])).toEqual([3, 2]);
    expect(updates().map((u) => u?.ExpressionAttributeValues?.[':next'])).toEqual([2, 1]);
  });

  it('answers 404 when the race was lost to the last read, without touching the object', async () => {
    const secret = record(creds, { remainingReads: 1 });
    dynamo
      .on(GetCommand)
      .resolvesOnce({ Item: secret })
      .resolvesOnce({ Item: { ...secret, remainingReads: 0, state: 'burned' } });
    s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v-1' });
    dynamo.on(UpdateCommand).rejects(conditionFailed());

    const result = await invoke(secret);

    expect(result.statusCode).toBe(404);
    expect(updates()).toHaveLength(1);
    expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(0);
  });

  it('still answers the last reader when the delete fails, and the secret stays unreadable', async () => {
    const secret = record(creds, { remainingReads: 1 });
    dynamo
      .on(GetCommand)
      .resolvesOnce({ Item: secret })
      .resolves({ Item: { ...secret, remainingReads: 0, state: 'burned' } });
    s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v-1' });
    dynamo.on(UpdateCommand).resolves({});
    s3.on(DeleteObjectCommand).rejects(new Error('AccessDenied'));

    const first = await invoke(secret);
    const second = await invoke(secret);

    expect(first.statusCode).toBe(200);
    expect(updates()[0]?.UpdateExpression).toContain('#state = :burned');
    expect(second.statusCode).toBe(404);
    // The object still exists in S3, but the burned item stops the read before S3 is asked.
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(1);
  });

  it('answers 404 and reads nothing from S3 for an expired secret', async () => {
    const secret = record(creds, { expiresAt: Date.now() - 1 });
    dynamo.on(GetCommand).resolves({ Item: secret });
    const result = await invoke(secret);
    expect(result.statusCode).toBe(404);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  it('answers 404 when the object is gone though the item is active', async () => {
    const secret = record(creds);
    dynamo.on(GetCommand).resolves({ Item: secret });
    const { NoSuchKey } = await import('@aws-sdk/client-s3');
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'gone', $metadata: {} }));
    expect((await invoke(secret)).statusCode).toBe(404);
    expect(updates()).toHaveLength(0);
  });

  describe('with a passphrase', () => {
    const protectedSecret = (overrides: Partial<SecretRecord> = {}) =>
      record(creds, { ...withPassphrase(creds), ...overrides });

    it('answers 401 without a verifier and counts nothing', async () => {
      const secret = protectedSecret();
      dynamo.on(GetCommand).resolves({ Item: secret });
      const result = await invoke(secret, { body: {} });
      expect(result.statusCode).toBe(401);
      expect(json(result).error).toBe('unauthorized');
      expect(updates()).toHaveLength(0);
      expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
    });

    it('counts a wrong verifier and says how many attempts are left', async () => {
      const secret = protectedSecret({ failedAttempts: 2 });
      dynamo.on(GetCommand).resolves({ Item: secret });
      dynamo.on(UpdateCommand).resolves({});
      const result = await invoke(secret, { body: { verifier: credentials().verifier } });
      expect(result.statusCode).toBe(401);
      expect(json(result).message).toBe(
        'Wrong passphrase. 2 more wrong attempts destroy the secret.',
      );
      expect(updates()[0]?.ExpressionAttributeValues).toMatchObject({ ':seen': 2, ':next': 3 });
      expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
    });

    it('destroys the secret on the fifth wrong verifier in a row', async () => {
      const secret = protectedSecret({ failedAttempts: 4 });
      dynamo.on(GetCommand).resolves({ Item: secret });
      dynamo.on(UpdateCommand).resolves({});
      s3.on(DeleteObjectCommand).resolves({});
      const result = await invoke(secret, { body: { verifier: credentials().verifier } });
      expect(result.statusCode).toBe(401);
      expect(json(result).message).toMatch(/destroyed/);
      expect(updates()[0]?.UpdateExpression).toContain('#state = :burned');
      expect(s3.commandCalls(DeleteObjectCommand)[0]?.args[0].input).toMatchObject({
        Key: `secrets/${secret.id}`,
        VersionId: 'v-created',
      });
    });

    it('reads with the right verifier and resets the wrong-attempt count', async () => {
      const secret = protectedSecret({ failedAttempts: 3 });
      dynamo.on(GetCommand).resolves({ Item: secret });
      s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v-1' });
      dynamo.on(UpdateCommand).resolves({});
      s3.on(DeleteObjectCommand).resolves({});
      const result = await invoke(secret, { body: { verifier: creds.verifier } });
      expect(result.statusCode).toBe(200);
      expect(updates()[0]?.UpdateExpression).toContain('failedAttempts = :zero');
    });
  });
});
