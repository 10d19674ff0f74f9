import { beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createHandler } from '../../lambdas/create/endpoint.ts';
import { dynamo, json, s3, testDeps } from '../helpers/aws.ts';
import { apiEvent, b64, lambdaContext, randomToken, sampleJwe } from '../helpers/fixtures.ts';
import type { SecretRecord } from '../../lambdas/common/lifecycle.ts';

let jwe: string;
const readTokenHash = b64(Buffer.alloc(32, 9));
const handler = createHandler(testDeps());

const post = (body: string | null, contentType: string | null = 'application/json') =>
  handler(
    apiEvent({
      httpMethod: 'POST',
      resource: '/secrets',
      headers: contentType === null ? {} : { 'Content-Type': contentType },
      body,
    }),
    lambdaContext,
  );

beforeEach(async () => {
  dynamo.reset();
  s3.reset();
  jwe ??= await sampleJwe();
  s3.on(PutObjectCommand).resolves({ VersionId: 'v-put' });
  dynamo.on(PutCommand).resolves({});
});

describe('POST /secrets', () => {
  it('stores the ciphertext, then the token item, and answers 201 with a manage token', async () => {
    const before = Date.now();
    const result = await post(
      JSON.stringify({ ciphertext: jwe, readTokenHash, maxReads: 3, ttlSeconds: 3600 }),
    );

    expect(result.statusCode).toBe(201);
    expect(result.headers?.['Cache-Control']).toBe('no-store');
    const body = json(result) as {
      id: string;
      expiresAt: string;
      maxReads: number;
      manageToken: string;
    };
    expect(Object.keys(body).sort()).toEqual(['expiresAt', 'id', 'manageToken', 'maxReads']);
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(body.manageToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.maxReads).toBe(3);
    const expires = Date.parse(body.expiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + 3600_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 3600_000);

    const put = s3.commandCalls(PutObjectCommand)[0]?.args[0].input;
    expect(put).toMatchObject({ Bucket: 'test-vault', Key: `secrets/${body.id}`, Body: jwe });
    const item = dynamo.commandCalls(PutCommand)[0]?.args[0].input.Item as SecretRecord;
    expect(item).toMatchObject({
      id: body.id,
      state: 'active',
      maxReads: 3,
      remainingReads: 3,
      readTokenHash,
      objectVersion: 'v-put',
      failedAttempts: 0,
      reads: [],
    });
    // Only the hash of the manage token is stored; the item holds no secret material.
    expect(item.manageTokenHash).toBe(
      createHash('sha256').update(Buffer.from(body.manageToken, 'base64url')).digest('base64url'),
    );
    expect(JSON.stringify(item)).not.toContain(body.manageToken);
    expect(JSON.stringify(item)).not.toContain(jwe);
    // That the put never replaces another secret's item: test/integration/store-conditions.test.ts.
    expect(
      s3.commandCalls(PutObjectCommand)[0]?.calledBefore(dynamo.commandCalls(PutCommand)[0]!),
    ).toBe(true);
  });

  it('defaults to one read and three days', async () => {
    const result = await post(JSON.stringify({ ciphertext: jwe, readTokenHash }));
    const body = json(result) as { expiresAt: string; maxReads: number };
    expect(body.maxReads).toBe(1);
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(259_200_000 - 5_000);
    const item = dynamo.commandCalls(PutCommand)[0]?.args[0].input.Item as SecretRecord;
    expect(item.purgeAt).toBe(Math.ceil(item.expiresAt / 1000) + 7 * 86_400);
  });

  it('stores the choice to show it hidden as a flag, and nothing when not asked', async () => {
    await post(JSON.stringify({ ciphertext: jwe, readTokenHash, hidden: true }));
    await post(JSON.stringify({ ciphertext: jwe, readTokenHash, hidden: false }));
    const [asked, notAsked] = dynamo.commandCalls(PutCommand).map((c) => c.args[0].input.Item);
    expect(asked).toMatchObject({ hidden: true });
    expect(notAsked).not.toHaveProperty('hidden');
  });

  it('answers 400 naming the field for a hidden that is not true or false', async () => {
    const result = await post(JSON.stringify({ ciphertext: jwe, readTokenHash, hidden: 'yes' }));
    expect(result.statusCode).toBe(400);
    expect(json(result).message).toBe('hidden: must be true or false.');
  });

  it('keeps the passphrase parameters for the recipient', async () => {
    const passphrase = {
      salt: b64(Buffer.alloc(16, 1)),
      iterations: 600_000,
      verifierHash: b64(Buffer.alloc(32, 2)),
    };
    await post(JSON.stringify({ ciphertext: jwe, readTokenHash, passphrase }));
    expect(dynamo.commandCalls(PutCommand)[0]?.args[0].input.Item).toMatchObject({ passphrase });
  });

  it.each([
    [
      'not a JWE',
      JSON.stringify({ ciphertext: 'plain text password', readTokenHash }),
      400,
      'invalid_request',
    ],
    ['malformed JSON', '{"ciphertext": ', 400, 'invalid_request'],
    ['an empty body', '', 400, 'invalid_request'],
    [
      'a string maxReads',
      JSON.stringify({ ciphertext: 'x', readTokenHash, maxReads: '3' }),
      400,
      'invalid_request',
    ],
    ['a JSON array', '[]', 400, 'invalid_request'],
  ])('answers 400 for %s and stores nothing', async (_name, body, status, code) => {
    const result = await post(body);
    expect(result.statusCode).toBe(status);
    expect(json(result).error).toBe(code);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('answers 415 for a body that is not declared as JSON', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', null]) {
      const result = await post(JSON.stringify({ ciphertext: jwe, readTokenHash }), type);
      expect(result.statusCode).toBe(415);
      expect(json(result).error).toBe('unsupported_media_type');
    }
  });

  it('accepts a charset on the JSON media type', async () => {
    const result = await post(
      JSON.stringify({ ciphertext: jwe, readTokenHash }),
      'application/json; charset=utf-8',
    );
    expect(result.statusCode).toBe(201);
  });

  it('answers 413 for a body over the limit, before parsing it', async () => {
    const result = await post('{"ciphertext":"' + 'A'.repeat(1_100_000) + '"}');
    expect(result.statusCode).toBe(413);
    expect(json(result).error).toBe('too_large');
  });

  it('answers 503 without an internal message when S3 fails', async () => {
    s3.on(PutObjectCommand).rejects(new Error('internal detail: arn:aws:s3:::test-vault'));
    const result = await post(JSON.stringify({ ciphertext: jwe, readTokenHash }));
    expect(result.statusCode).toBe(503);
    expect(result.body).not.toContain('internal detail');
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('answers 503 when the token item cannot be written', async () => {
    dynamo.on(PutCommand).rejects(new Error('ProvisionedThroughputExceeded'));
    const result = await post(JSON.stringify({ ciphertext: jwe, readTokenHash }));
    expect(result.statusCode).toBe(503);
    expect(json(result).error).toBe('unavailable');
  });

  it('never returns the read token hash or anything the server should not echo', async () => {
    const token = randomToken();
    const result = await post(JSON.stringify({ ciphertext: jwe, readTokenHash: token }));
    expect(result.body).not.toContain(token);
  });
});
