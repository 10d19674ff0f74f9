// Secret requests at the handlers (issue 15 part 2): create stores an awaiting request and nothing in
// the vault; fill checks the fill token, the key, the state, then claims, stores and finishes, each
// failure leaving nothing half done; meta and read tell an unfilled request apart, consuming nothing.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createHandler as createCreate } from '../../lambdas/create/endpoint.ts';
import { createHandler as createFill } from '../../lambdas/fill/endpoint.ts';
import { createHandler as createMeta } from '../../lambdas/meta/endpoint.ts';
import { createHandler as createRead } from '../../lambdas/read/endpoint.ts';
import { createHandler as createReceipt } from '../../lambdas/receipt/endpoint.ts';
import type { SecretRecord } from '../../lambdas/common/lifecycle.ts';
import {
  deriveFillToken,
  newRequestKeys,
  parsePublicKey,
  sealForRequest,
} from '../../core/envelope.ts';
import { conditionFailed, dynamo, json, objectBody, s3, testDeps } from '../helpers/aws.ts';
import { b64, callHandler, credentials, hashOf, record } from '../helpers/fixtures.ts';

const NOW = new Date('2026-12-01T12:00:00.000Z');
const deps = testDeps({ now: () => NOW });
const handlers = {
  create: createCreate(deps),
  fill: createFill(deps),
  meta: createMeta(deps),
  read: createRead(deps),
  receipt: createReceipt(deps),
};
const creds = credentials();

interface Request {
  keyId: string;
  publicKey: string;
  fillToken: string;
  item: SecretRecord;
}

/** A request as create stores it, awaiting its fill, and what its fill link gives a holder. */
async function awaiting(overrides: Partial<SecretRecord> = {}): Promise<Request> {
  const keys = await newRequestKeys();
  const { fillToken } = await deriveFillToken(parsePublicKey(keys.publicKey));
  const item = record(creds, {
    state: 'awaiting',
    kind: 'request',
    expiresAt: NOW.getTime() + 3600_000,
    fillTokenHash: keys.fillTokenHash,
    keyId: keys.keyId,
    objectVersion: undefined,
    ...overrides,
  });
  return { keyId: keys.keyId, publicKey: keys.publicKey, fillToken, item };
}

const fillOf = (request: Request, text = 'requested') =>
  sealForRequest(new TextEncoder().encode(text), request.publicKey);

const callFill = (request: Request, ciphertext: string, token = request.fillToken) =>
  callHandler(handlers.fill, { method: 'POST', id: request.item.id, token, body: { ciphertext } });

const updates = () => dynamo.commandCalls(UpdateCommand).map((c) => c.args[0].input);

beforeEach(() => {
  dynamo.reset();
  s3.reset();
  s3.on(PutObjectCommand).resolves({ VersionId: 'v-fill' });
  dynamo.on(PutCommand).resolves({});
  dynamo.on(UpdateCommand).resolves({});
});

describe('create with request', () => {
  it('stores an awaiting request with its fill token hash and key id, and no object', async () => {
    const keys = await newRequestKeys();
    const result = await callHandler(handlers.create, {
      method: 'POST',
      body: {
        request: { fillTokenHash: keys.fillTokenHash, keyId: keys.keyId },
        readTokenHash: keys.readTokenHash,
        ttlSeconds: 3600,
      },
    });
    expect(result.statusCode).toBe(201);
    expect(json(result)).toMatchObject({ maxReads: 1, expiresAt: '2026-12-01T13:00:00.000Z' });
    const item = dynamo.commandCalls(PutCommand)[0]?.args[0].input.Item as SecretRecord;
    expect(item).toMatchObject({
      state: 'awaiting',
      kind: 'request',
      fillTokenHash: keys.fillTokenHash,
      keyId: keys.keyId,
      readTokenHash: keys.readTokenHash,
      remainingReads: 1,
    });
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });
});

describe('fill', () => {
  it('claims the request, stores the fill, then marks it filled with that version', async () => {
    const request = await awaiting();
    dynamo.on(GetCommand).resolves({ Item: request.item });
    const ciphertext = await fillOf(request);
    const result = await callFill(request, ciphertext);
    expect(result.statusCode).toBe(200);
    expect(json(result)).toEqual({
      id: request.item.id,
      expiresAt: new Date(request.item.expiresAt).toISOString(),
    });
    const [claim, finish] = updates();
    expect(claim?.UpdateExpression).toContain('fillingUntil = :until');
    expect(claim?.ExpressionAttributeValues?.[':until']).toBe(NOW.getTime() + 60_000);
    expect(finish?.ConditionExpression).toContain('fillId = :fill');
    expect(finish?.ExpressionAttributeValues).toMatchObject({
      ':fill': claim?.ExpressionAttributeValues?.[':fill'],
      ':version': 'v-fill',
    });
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input.Body).toBe(ciphertext);
  });

  it('answers a wrong or missing fill token, an unknown id and a secret that is no request 404, touching nothing', async () => {
    const request = await awaiting();
    const ciphertext = await fillOf(request);
    dynamo.on(GetCommand).resolves({ Item: request.item });
    expect((await callFill(request, ciphertext, b64(Buffer.alloc(32, 1)))).statusCode).toBe(404);
    expect(
      (
        await callHandler(handlers.fill, {
          method: 'POST',
          id: request.item.id,
          body: { ciphertext },
        })
      ).statusCode,
    ).toBe(404);
    // A text secret whose read token were presented as a fill token: still no request.
    dynamo.on(GetCommand).resolves({
      Item: record(creds, { fillTokenHash: hashOf(request.fillToken) }),
    });
    expect((await callFill(request, ciphertext)).statusCode).toBe(404);
    dynamo.on(GetCommand).resolves({});
    expect((await callFill(request, ciphertext)).statusCode).toBe(404);
    expect(updates()).toHaveLength(0);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it.each([
    ['expired', { expiresAt: NOW.getTime() }, 404, 'not_found'],
    ['withdrawn', { state: 'revoked' as const, endedAt: NOW.toISOString() }, 404, 'not_found'],
    ['filled', { state: 'active' as const, filledAt: NOW.toISOString() }, 409, 'already_filled'],
    [
      'filled and read',
      { state: 'active' as const, filledAt: NOW.toISOString(), remainingReads: 0 },
      409,
      'already_filled',
    ],
    [
      'being filled',
      { state: 'filling' as const, fillingUntil: NOW.getTime() + 1 },
      409,
      'already_filled',
    ],
  ])('answers a request %s with %d %s, storing nothing', async (_, overrides, status, code) => {
    const request = await awaiting(overrides);
    dynamo.on(GetCommand).resolves({ Item: request.item });
    const result = await callFill(request, await fillOf(request));
    expect([result.statusCode, json(result).error]).toEqual([status, code]);
    expect(updates()).toHaveLength(0);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('takes over a claim that outlived its time (a fill that crashed)', async () => {
    const request = await awaiting({
      state: 'filling',
      fillingUntil: NOW.getTime() - 1,
      fillId: 'gone',
    });
    dynamo.on(GetCommand).resolves({ Item: request.item });
    expect((await callFill(request, await fillOf(request))).statusCode).toBe(200);
  });

  it('refuses a fill encrypted to another key with 400 wrong_key, storing nothing', async () => {
    const request = await awaiting();
    const other = await awaiting();
    dynamo.on(GetCommand).resolves({ Item: request.item });
    const result = await callFill(request, await fillOf(other));
    expect([result.statusCode, json(result).error]).toEqual([400, 'wrong_key']);
    expect(updates()).toHaveLength(0);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('refuses a body that is no fill (a secret JWE, plaintext, extra fields) with 400 before reading anything', async () => {
    const request = await awaiting();
    for (const body of [
      { ciphertext: 'plain text' },
      {
        ciphertext: `${b64(Buffer.from('{"alg":"dir","enc":"A256GCM"}'))}..${b64(Buffer.alloc(12))}.AA.${b64(Buffer.alloc(16))}`,
      },
      { ciphertext: await fillOf(request), extra: true },
      {},
    ]) {
      const result = await callHandler(handlers.fill, {
        method: 'POST',
        id: request.item.id,
        token: request.fillToken,
        body,
      });
      expect([result.statusCode, json(result).error]).toEqual([400, 'invalid_request']);
    }
    expect(dynamo.commandCalls(GetCommand)).toHaveLength(0);
  });

  it('answers 409 when another fill claimed it first (the claim refused)', async () => {
    const request = await awaiting();
    dynamo
      .on(GetCommand)
      .resolvesOnce({ Item: request.item })
      .resolves({
        Item: {
          ...request.item,
          state: 'filling',
          fillId: 'other',
          fillingUntil: NOW.getTime() + 60_000,
        },
      });
    dynamo.on(UpdateCommand).rejects(conditionFailed());
    const result = await callFill(request, await fillOf(request));
    expect([result.statusCode, json(result).error]).toEqual([409, 'already_filled']);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('gives the request back when the vault refuses the object, answering 503', async () => {
    const request = await awaiting();
    dynamo.on(GetCommand).resolves({ Item: request.item });
    s3.on(PutObjectCommand).rejects(new Error('S3 down'));
    const result = await callFill(request, await fillOf(request));
    expect([result.statusCode, json(result).error]).toEqual([503, 'unavailable']);
    const [, release] = updates();
    expect(release?.UpdateExpression).toContain('SET #state = :awaiting');
    expect(release?.ConditionExpression).toContain('fillId = :fill');
  });

  it('deletes its own object and answers 404 when the request was withdrawn while it stored', async () => {
    const request = await awaiting();
    dynamo
      .on(GetCommand)
      .resolvesOnce({ Item: request.item })
      .resolves({
        Item: { ...request.item, state: 'revoked' },
      });
    dynamo.on(UpdateCommand).resolvesOnce({}).rejects(conditionFailed());
    const result = await callFill(request, await fillOf(request));
    expect(result.statusCode).toBe(404);
    expect(s3.commandCalls(DeleteObjectCommand)[0]?.args[0].input.VersionId).toBe('v-fill');
  });
});

describe('the retrieve link before and after the fill', () => {
  it('meta says filled false, read answers 409 not_filled and counts nothing', async () => {
    const request = await awaiting();
    dynamo.on(GetCommand).resolves({ Item: request.item });
    const meta = await callHandler(handlers.meta, {
      method: 'GET',
      id: request.item.id,
      token: creds.readToken,
    });
    expect(json(meta)).toMatchObject({ kind: 'request', filled: false, passphrase: null });
    const read = await callHandler(handlers.read, {
      method: 'POST',
      id: request.item.id,
      token: creds.readToken,
    });
    expect([read.statusCode, json(read).error]).toEqual([409, 'not_filled']);
    expect(updates()).toHaveLength(0);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
    const receipt = await callHandler(handlers.receipt, {
      method: 'GET',
      id: request.item.id,
      token: creds.manageToken,
    });
    expect(json(receipt).state).toBe('awaiting');
  });

  it('reads a filled request like a text, and refuses a stored fill to another key as damaged (503, nothing counted)', async () => {
    const request = await awaiting({
      state: 'active',
      filledAt: NOW.toISOString(),
      objectVersion: 'v-fill',
    });
    dynamo.on(GetCommand).resolves({ Item: request.item });
    const meta = await callHandler(handlers.meta, {
      method: 'GET',
      id: request.item.id,
      token: creds.readToken,
    });
    expect(json(meta)).toMatchObject({ kind: 'request', filled: true });

    const other = await awaiting();
    s3.on(GetObjectCommand).resolves({
      Body: objectBody(await fillOf(other)),
      VersionId: 'v-fill',
    });
    const damaged = await callHandler(handlers.read, {
      method: 'POST',
      id: request.item.id,
      token: creds.readToken,
    });
    expect([damaged.statusCode, json(damaged).error]).toEqual([503, 'unavailable']);
    expect(updates()).toHaveLength(0);

    const ciphertext = await fillOf(request);
    s3.on(GetObjectCommand).resolves({ Body: objectBody(ciphertext), VersionId: 'v-fill' });
    dynamo.on(UpdateCommand).resolves({ Attributes: { ...request.item, remainingReads: 0 } });
    const read = await callHandler(handlers.read, {
      method: 'POST',
      id: request.item.id,
      token: creds.readToken,
    });
    expect(read.statusCode).toBe(200);
    expect(json(read)).toMatchObject({ ciphertext, remainingReads: 0 });
  });
});
