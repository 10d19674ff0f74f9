import { Readable } from 'node:stream';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { DeleteObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createHandler } from '../../lambdas/read/endpoint.ts';
import { readSecret } from '../../lambdas/read/read.ts';
import type { MetricName } from '../../lambdas/common/powertools.ts';
import {
  captureOutput,
  conditionFailed,
  dynamo,
  json,
  objectBody,
  s3,
  testDeps,
} from '../helpers/aws.ts';
import {
  apiEvent,
  credentials,
  lambdaContext,
  record,
  sampleJwe,
  withPassphrase,
} from '../helpers/fixtures.ts';
import type { SecretRecord } from '../../lambdas/common/lifecycle.ts';

const creds = credentials();
let jwe: string;
const handler = createHandler(testDeps());

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

type UpdateInput = { ExpressionAttributeValues?: Record<string, unknown> };
const requestIdOf = (input: UpdateInput) => input.ExpressionAttributeValues?.[':rid'] as string;

/** What DynamoDB answers with ReturnValues ALL_NEW once this request's change is applied. */
const appliedTo =
  (secret: SecretRecord, change: Partial<SecretRecord>) =>
  (input: UpdateInput): { Attributes: SecretRecord } => ({
    Attributes: { ...secret, ...change, appliedRequests: new Set([requestIdOf(input)]) },
  });

/**
 * The error the SDK itself throws for an S3 error answer, made by its own deserializer from the wire:
 * the command runs through a client whose HTTP handler answers with this status and S3's XML error
 * body. One attempt, so a 5xx is not retried.
 */
async function s3ErrorFromWire(statusCode: number, code: string, message: string): Promise<Error> {
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${code}</Code><Message>${message}</Message>` +
    '<RequestId>FAKE-REQUEST-ID</RequestId><HostId>FAKE-HOST-ID</HostId></Error>';
  const client = new S3Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    requestHandler: {
      handle: async () => ({
        response: {
          statusCode,
          headers: {
            'content-type': 'application/xml',
            'x-amz-request-id': 'FAKE-REQUEST-ID',
            'x-amz-id-2': 'FAKE-HOST-ID',
          },
          body: Readable.from([Buffer.from(xml)]),
        },
      }),
    },
  });
  try {
    await client.send(new GetObjectCommand({ Bucket: 'test-vault', Key: 'secrets/any' }));
  } catch (error) {
    return error as Error;
  }
  throw new Error(`S3 answering ${statusCode} did not make the SDK throw`);
}

/** S3's answer to GetObject of a deleted key, for a caller without s3:ListBucket (the Lambdas). */
const deletedKeyDenied = () => s3ErrorFromWire(403, 'AccessDenied', 'Access Denied');

beforeEach(async () => {
  dynamo.reset();
  s3.reset();
  jwe ??= await sampleJwe();
});

describe('POST /secrets/{id}/read', () => {
  it('returns the ciphertext and takes one read while any remain, never on the exact count seen', async () => {
    const secret = record(creds, { maxReads: 3, remainingReads: 3 });
    dynamo.on(GetCommand).resolves({ Item: secret });
    s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v-1' });
    dynamo.on(UpdateCommand).callsFake(appliedTo(secret, { remainingReads: 2 }));

    const result = await invoke(secret);

    expect(result.statusCode).toBe(200);
    expect(json(result)).toEqual({
      ciphertext: jwe,
      remainingReads: 2,
      expiresAt: new Date(secret.expiresAt).toISOString(),
    });
    // What the write takes and when DynamoDB refuses it: test/integration/store-conditions.test.ts.
    expect(updates()).toHaveLength(1);
    expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(0);
  });

  it('names each request with its own id', async () => {
    const secret = record(creds, { maxReads: 3, remainingReads: 3 });
    dynamo.on(GetCommand).resolves({ Item: secret });
    s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v-1' });
    dynamo.on(UpdateCommand).callsFake(appliedTo(secret, { remainingReads: 2 }));
    await invoke(secret);
    await invoke(secret);
    const [a, b] = updates().map((u) => requestIdOf(u));
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(b).not.toBe(a);
  });

  it('fetches the ciphertext before it consumes anything', async () => {
    const secret = record(creds);
    dynamo.on(GetCommand).resolves({ Item: secret });
    s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v-1' });
    dynamo.on(UpdateCommand).callsFake(appliedTo(secret, { remainingReads: 0 }));
    await invoke(secret);
    const getObject = s3.commandCalls(GetObjectCommand)[0];
    const update = dynamo.commandCalls(UpdateCommand)[0];
    expect(getObject && update && getObject.calledBefore(update)).toBe(true);
  });

  it('burns the secret on the read that takes the count to 0 and deletes the object with its VersionId', async () => {
    const secret = record(creds, { maxReads: 2, remainingReads: 2 });
    dynamo.on(GetCommand).resolves({ Item: secret });
    s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v-read' });
    // Another reader took one read between this one's GetItem and its update.
    dynamo.on(UpdateCommand).callsFake(appliedTo(secret, { remainingReads: 0 }));
    s3.on(DeleteObjectCommand).resolves({});

    const result = await invoke(secret);

    expect(result.statusCode).toBe(200);
    expect(json(result).remainingReads).toBe(0);
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

  it.each([
    ['empty', ''],
    ['plaintext', 'hunter2'],
    ['cut short', 'JWE-PREFIX'],
  ])('answers 503 and consumes nothing when the stored object is %s', async (_, stored) => {
    const secret = record(creds);
    dynamo.on(GetCommand).resolves({ Item: secret });
    const body = stored === 'JWE-PREFIX' ? jwe.slice(0, jwe.length - 10) : stored;
    s3.on(GetObjectCommand).resolves({ Body: objectBody(body), VersionId: 'v-1' });

    const result = await invoke(secret);

    expect(result.statusCode).toBe(503);
    expect(json(result).error).toBe('unavailable');
    expect(updates()).toHaveLength(0);
  });

  it('answers once, without a second write, when the update committed but its answer was lost', async () => {
    const secret = record(creds, { maxReads: 3, remainingReads: 3 });
    let committed: SecretRecord | undefined;
    dynamo.on(GetCommand).callsFake(() => ({ Item: committed ?? secret }));
    s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v-1' });
    // The SDK's retry of a committed write: DynamoDB says the condition failed (the id is in the item).
    dynamo.on(UpdateCommand).callsFake((input: UpdateInput) => {
      committed = appliedTo(secret, { remainingReads: 2 })(input).Attributes;
      throw conditionFailed();
    });

    const result = await invoke(secret);

    expect(result.statusCode).toBe(200);
    expect(json(result)).toMatchObject({ ciphertext: jwe, remainingReads: 2 });
    expect(updates()).toHaveLength(1);
  });

  it('answers 404 when the secret was used up by others, without touching the object', async () => {
    const secret = record(creds, { remainingReads: 1 });
    dynamo
      .on(GetCommand)
      .resolvesOnce({ Item: secret })
      .resolves({ Item: { ...secret, remainingReads: 0, appliedRequests: new Set(['other']) } });
    s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v-1' });
    dynamo.on(UpdateCommand).rejects(conditionFailed());

    const result = await invoke(secret);

    expect(result.statusCode).toBe(404);
    expect(updates()).toHaveLength(1);
    expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(0);
  });

  it('answers the ciphertext when the update failed without an answer but the item shows it landed', async () => {
    const secret = record(creds, { maxReads: 2, remainingReads: 2 });
    let committed: SecretRecord | undefined;
    dynamo.on(GetCommand).callsFake(() => ({ Item: committed ?? secret }));
    s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v-1' });
    dynamo.on(UpdateCommand).callsFake((input: UpdateInput) => {
      committed = appliedTo(secret, { remainingReads: 1 })(input).Attributes;
      throw Object.assign(new Error('timed out'), { name: 'TimeoutError' });
    });

    const result = await invoke(secret);

    expect(result.statusCode).toBe(200);
    expect(json(result).remainingReads).toBe(1);
  });

  it('says the read may have been counted when the update failed and did not show in the item', async () => {
    const secret = record(creds, { maxReads: 2, remainingReads: 2 });
    dynamo.on(GetCommand).resolves({ Item: secret });
    s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v-1' });
    dynamo
      .on(UpdateCommand)
      .rejects(Object.assign(new Error('timed out'), { name: 'TimeoutError' }));

    const result = await invoke(secret);

    expect(result.statusCode).toBe(503);
    expect(json(result)).toEqual({
      error: 'outcome_unknown',
      message: 'The service did not confirm this attempt; it may have been counted. Try again.',
    });
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

  describe('when S3 denies the object (403 AccessDenied, what it answers for a deleted key)', () => {
    it('throws the SDK error shape the vault must recognise', async () => {
      const error = await deletedKeyDenied();
      expect(error).toMatchObject({
        name: 'AccessDenied',
        $fault: 'client',
        $metadata: { httpStatusCode: 403, requestId: 'FAKE-REQUEST-ID' },
      });
    });

    it.each<[string, Partial<SecretRecord> | undefined]>([
      ['a reader burned it', { remainingReads: 0 }],
      ['the sender revoked it', { state: 'revoked' }],
      ['a fifth wrong passphrase destroyed it', { failedAttempts: 5 }],
      ['it expired', { expiresAt: Date.now() - 1 }],
      ['its item was purged', undefined],
    ])(
      'answers 404 and consumes nothing when %s after this read loaded the item',
      async (_, ended) => {
        const secret = record(creds);
        dynamo
          .on(GetCommand)
          .resolvesOnce({ Item: secret })
          .resolves({ Item: ended && { ...secret, ...ended } });
        s3.on(GetObjectCommand).rejects(await deletedKeyDenied());

        const result = await invoke(secret);

        expect(result.statusCode).toBe(404);
        expect(json(result).error).toBe('not_found');
        expect(updates()).toHaveLength(0);
        // The item was read again, consistently, to tell a lost race from a refused permission.
        expect(dynamo.commandCalls(GetCommand).map((c) => c.args[0].input.ConsistentRead)).toEqual([
          true,
          true,
        ]);
      },
    );

    it('answers 503, consumes nothing and logs the denial when the secret is still readable', async () => {
      const secret = record(creds);
      dynamo.on(GetCommand).resolves({ Item: secret });
      s3.on(GetObjectCommand).rejects(await deletedKeyDenied());
      const output = captureOutput();

      let result: Awaited<ReturnType<typeof invoke>>;
      try {
        result = await invoke(secret);
      } finally {
        output.restore();
      }

      expect(result.statusCode).toBe(503);
      expect(json(result).error).toBe('unavailable');
      expect(updates()).toHaveLength(0);
      const logged = output.text();
      expect(logged).toMatch(/S3 denies a live secret its object/);
      expect(logged).toContain('FAKE-REQUEST-ID');
      for (const material of [creds.readToken, creds.manageToken, jwe]) {
        expect(logged).not.toContain(material);
      }
    });

    it('counts VaultAccessDenied for a refused live object, and nothing for a lost race', async () => {
      const counted: MetricName[] = [];
      const deps = testDeps({ count: (name: MetricName) => counted.push(name) });
      const secret = record(creds);
      const input = { id: secret.id, readToken: creds.readToken, verifier: undefined };
      s3.on(GetObjectCommand).rejects(await deletedKeyDenied());

      dynamo.on(GetCommand).resolvesOnce({ Item: secret }).resolves({ Item: undefined });
      await expect(readSecret(deps, input)).rejects.toMatchObject({ status: 404 });
      expect(counted).toEqual([]);

      dynamo.on(GetCommand).resolves({ Item: secret });
      await expect(readSecret(deps, input)).rejects.toMatchObject({ status: 503 });
      expect(counted).toEqual(['VaultAccessDenied']);
    });

    it.each([
      [
        403,
        'RequestTimeTooSkewed',
        'The difference between the request time and the current time is too large.',
      ],
      [500, 'InternalError', 'We encountered an internal error. Please try again.'],
      [503, 'SlowDown', 'Please reduce your request rate.'],
    ])(
      'answers 503 for any other S3 error (%i %s), without looking at the item again',
      async (status, code, message) => {
        const secret = record(creds);
        dynamo.on(GetCommand).resolves({ Item: secret });
        s3.on(GetObjectCommand).rejects(await s3ErrorFromWire(status, code, message));

        const result = await invoke(secret);

        expect(result.statusCode).toBe(503);
        expect(json(result).error).toBe('unavailable');
        expect(updates()).toHaveLength(0);
        expect(dynamo.commandCalls(GetCommand)).toHaveLength(1);
      },
    );
  });

  describe('with a passphrase', () => {
    const protectedSecret = (overrides: Partial<SecretRecord> = {}) =>
      record(creds, { ...withPassphrase(creds), ...overrides });

    it('answers 401 without a verifier and counts nothing', async () => {
      const secret = protectedSecret();
      dynamo.on(GetCommand).resolves({ Item: secret });
      const result = await invoke(secret, { body: {} });
      expect(result.statusCode).toBe(401);
      expect(json(result)).toEqual({
        error: 'unauthorized',
        message: 'This secret is protected by a passphrase; send its verifier.',
      });
      expect(updates()).toHaveLength(0);
      expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
    });

    it('counts a wrong verifier once, only while fewer than five are counted, and says how many are left', async () => {
      const secret = protectedSecret({ failedAttempts: 1 });
      dynamo.on(GetCommand).resolves({ Item: secret });
      s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v-1' });
      // Another wrong one was counted meanwhile: the answer follows the item, not the count seen.
      dynamo.on(UpdateCommand).callsFake(appliedTo(secret, { failedAttempts: 3 }));

      const result = await invoke(secret, { body: { verifier: credentials().verifier } });

      expect(result.statusCode).toBe(401);
      expect(json(result)).toEqual({
        error: 'wrong_passphrase',
        message: 'Wrong passphrase. 2 more wrong attempts destroy the secret.',
        attemptsLeft: 2,
      });
      // What the count changes and when DynamoDB refuses it: test/integration/store-conditions.test.ts.
      expect(updates()).toHaveLength(1);
    });

    it('says one attempt is left after the fourth wrong verifier', async () => {
      const secret = protectedSecret({ failedAttempts: 3 });
      dynamo.on(GetCommand).resolves({ Item: secret });
      s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v-1' });
      dynamo.on(UpdateCommand).callsFake(appliedTo(secret, { failedAttempts: 4 }));

      const result = await invoke(secret, { body: { verifier: credentials().verifier } });

      expect(result.statusCode).toBe(401);
      expect(json(result)).toEqual({
        error: 'wrong_passphrase',
        message: 'Wrong passphrase. 1 more wrong attempt destroys the secret.',
        attemptsLeft: 1,
      });
    });

    it('costs a wrong verifier the same calls as a right one: the object, then one write', async () => {
      const secret = protectedSecret();
      dynamo.on(GetCommand).resolves({ Item: secret });
      s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v-1' });
      dynamo.on(UpdateCommand).callsFake(appliedTo(secret, { failedAttempts: 1 }));
      await invoke(secret, { body: { verifier: credentials().verifier } });
      expect(s3.commandCalls(GetObjectCommand)).toHaveLength(1);
      expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(1);
    });

    it('destroys the secret on the wrong verifier that reaches five, deleting the exact version', async () => {
      const secret = protectedSecret({ failedAttempts: 4 });
      dynamo.on(GetCommand).resolves({ Item: secret });
      s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v-read' });
      dynamo.on(UpdateCommand).callsFake(appliedTo(secret, { failedAttempts: 5 }));
      s3.on(DeleteObjectCommand).resolves({});
      const result = await invoke(secret, { body: { verifier: credentials().verifier } });
      expect(result.statusCode).toBe(401);
      // Its own code, no count: the caller learns now that the secret is gone.
      expect(json(result)).toEqual({
        error: 'locked',
        message: 'Wrong passphrase. After 5 wrong ones in a row the secret has been destroyed.',
      });
      expect(s3.commandCalls(DeleteObjectCommand)[0]?.args[0].input).toMatchObject({
        Key: `secrets/${secret.id}`,
        VersionId: 'v-created',
      });
    });

    it('counts a wrong verifier before it fetches the object, a right one only after', async () => {
      const secret = protectedSecret();
      dynamo.on(GetCommand).resolves({ Item: secret });
      s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v-1' });
      dynamo.on(UpdateCommand).callsFake(appliedTo(secret, { failedAttempts: 1 }));
      await invoke(secret, { body: { verifier: credentials().verifier } });
      const [wrongGet, wrongUpdate] = [
        s3.commandCalls(GetObjectCommand)[0],
        dynamo.commandCalls(UpdateCommand)[0],
      ];
      expect(wrongGet && wrongUpdate && wrongUpdate.calledBefore(wrongGet)).toBe(true);

      dynamo.reset();
      s3.reset();
      dynamo.on(GetCommand).resolves({ Item: secret });
      s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v-1' });
      dynamo.on(UpdateCommand).callsFake(appliedTo(secret, { remainingReads: 0 }));
      await invoke(secret, { body: { verifier: creds.verifier } });
      const [rightGet, rightUpdate] = [
        s3.commandCalls(GetObjectCommand)[0],
        dynamo.commandCalls(UpdateCommand)[0],
      ];
      expect(rightGet && rightUpdate && rightGet.calledBefore(rightUpdate)).toBe(true);
    });

    it('counts a wrong verifier once when the SDK retried its committed write', async () => {
      const secret = protectedSecret({ failedAttempts: 0 });
      let committed: SecretRecord | undefined;
      dynamo.on(GetCommand).callsFake(() => ({ Item: committed ?? secret }));
      s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v-1' });
      dynamo.on(UpdateCommand).callsFake((input: UpdateInput) => {
        committed = appliedTo(secret, { failedAttempts: 1 })(input).Attributes;
        throw conditionFailed();
      });
      const result = await invoke(secret, { body: { verifier: credentials().verifier } });
      expect(result.statusCode).toBe(401);
      expect(json(result)).toMatchObject({ error: 'wrong_passphrase', attemptsLeft: 4 });
    });

    it('refuses a right verifier once five wrong ones are counted, with the same 404 as a refused wrong one', async () => {
      const secret = protectedSecret({ failedAttempts: 4 });
      const destroyed = { ...secret, failedAttempts: 5 };
      dynamo.on(GetCommand).resolvesOnce({ Item: secret }).resolves({ Item: destroyed });
      s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v-1' });
      dynamo.on(UpdateCommand).rejects(conditionFailed());

      const right = await invoke(secret, { body: { verifier: creds.verifier } });
      dynamo.on(GetCommand).resolvesOnce({ Item: secret }).resolves({ Item: destroyed });
      const wrong = await invoke(secret, { body: { verifier: credentials().verifier } });

      expect(right.statusCode).toBe(404);
      expect(right.body).toBe(wrong.body);
    });

    it('reads with the right verifier after wrong ones', async () => {
      const secret = protectedSecret({ failedAttempts: 3 });
      dynamo.on(GetCommand).resolves({ Item: secret });
      s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v-1' });
      dynamo
        .on(UpdateCommand)
        .callsFake(appliedTo(secret, { remainingReads: 0, failedAttempts: 0 }));
      s3.on(DeleteObjectCommand).resolves({});
      const result = await invoke(secret, { body: { verifier: creds.verifier } });
      expect(result.statusCode).toBe(200);
      // That the read clears the wrong-attempt count: test/integration/store-conditions.test.ts.
    });
  });
});
