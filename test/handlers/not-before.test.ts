// Not-before (issue 15): a sender may set when a secret opens. Create checks the time against the
// server's clock and the expiry; before it, the right read token gets 409 `not_yet_open` with the time
// (read and destroy), and nothing is consumed or counted, not even a wrong passphrase; a wrong token
// still gets the 404 of an unknown id. Meta and the receipt say when.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createHandler as createCreate } from '../../lambdas/create/endpoint.ts';
import { createHandler as createDestroy } from '../../lambdas/destroy/endpoint.ts';
import { createHandler as createMeta } from '../../lambdas/meta/endpoint.ts';
import { createHandler as createRead } from '../../lambdas/read/endpoint.ts';
import { createHandler as createReceipt } from '../../lambdas/receipt/endpoint.ts';
import type { SecretRecord } from '../../lambdas/common/lifecycle.ts';
import { dynamo, json, objectBody, s3, testDeps } from '../helpers/aws.ts';
import {
  callHandler,
  b64,
  credentials,
  record,
  sampleJwe,
  withPassphrase,
} from '../helpers/fixtures.ts';

const NOW = new Date('2026-12-01T12:00:00.000Z');
const deps = testDeps({ now: () => NOW });
const handlers = {
  create: createCreate(deps),
  meta: createMeta(deps),
  read: createRead(deps),
  destroy: createDestroy(deps),
  receipt: createReceipt(deps),
};
const creds = credentials();
const readTokenHash = b64(Buffer.alloc(32, 9));
let jwe: string;

const later = (ms: number) => NOW.getTime() + ms;

const create = (fields: Record<string, unknown>) =>
  callHandler(handlers.create, {
    method: 'POST',
    body: { ciphertext: jwe, readTokenHash, ttlSeconds: 3600, ...fields },
  });

beforeEach(async () => {
  dynamo.reset();
  s3.reset();
  jwe ??= await sampleJwe();
  s3.on(PutObjectCommand).resolves({ VersionId: 'v-put' });
  dynamo.on(PutCommand).resolves({});
});

describe('create with notBefore', () => {
  it('stores the opening time in epoch ms and answers it, whatever zone the sender wrote', async () => {
    const result = await create({ notBefore: '2026-12-01T13:30:00+01:00' });
    expect(result.statusCode).toBe(201);
    expect(json(result).notBefore).toBe('2026-12-01T12:30:00.000Z');
    const item = dynamo.commandCalls(PutCommand)[0]?.args[0].input.Item as SecretRecord;
    expect(item.notBefore).toBe(Date.parse('2026-12-01T12:30:00Z'));
  });

  it('leaves a secret without one open at once (no field stored or answered)', async () => {
    const result = await create({});
    expect(result.statusCode).toBe(201);
    expect(json(result)).not.toHaveProperty('notBefore');
    const item = dynamo.commandCalls(PutCommand)[0]?.args[0].input.Item as SecretRecord;
    expect(item).not.toHaveProperty('notBefore');
  });

  it.each([
    ['now', NOW.toISOString(), 'notBefore: must be in the future'],
    ['a second ago', new Date(later(-1000)).toISOString(), 'notBefore: must be in the future'],
    ['at the expiry', new Date(later(3600_000)).toISOString(), 'notBefore: must be before'],
    ['after the expiry', new Date(later(7200_000)).toISOString(), 'notBefore: must be before'],
    ['without a time zone', '2026-12-01T13:00:00', 'notBefore: must be a date and time in ISO'],
    ['a date alone', '2026-12-02', 'notBefore: must be a date and time in ISO'],
    ['words', 'tomorrow at nine', 'notBefore: must be a date and time in ISO'],
    ['a number', later(60_000), 'notBefore: must be a date and time in ISO'],
  ])('refuses an opening time %s with 400 and writes nothing', async (_, notBefore, message) => {
    const result = await create({ notBefore });
    expect(result.statusCode).toBe(400);
    expect(json(result)).toMatchObject({ error: 'invalid_request' });
    expect(json(result).message).toContain(message);
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('takes an opening time just inside the life: a second before the expiry', async () => {
    const result = await create({ notBefore: new Date(later(3599_000)).toISOString() });
    expect(result.statusCode).toBe(201);
  });
});

describe('before the opening time', () => {
  const opensAt = later(90 * 60_000 + 500);
  const scheduled = (overrides: Partial<SecretRecord> = {}) =>
    record(creds, { notBefore: opensAt, expiresAt: later(3 * 3600_000), ...overrides });

  it('meta tells the right token when the secret opens, and consumes nothing', async () => {
    const secret = scheduled();
    dynamo.on(GetCommand).resolves({ Item: secret });
    const result = await callHandler(handlers.meta, {
      method: 'GET',
      id: secret.id,
      token: creds.readToken,
    });
    expect(result.statusCode).toBe(200);
    expect(json(result).notBefore).toBe(new Date(opensAt).toISOString());
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('read answers 409 not_yet_open with the time and Retry-After, fetching and counting nothing', async () => {
    const secret = scheduled();
    dynamo.on(GetCommand).resolves({ Item: secret });
    const result = await callHandler(handlers.read, {
      method: 'POST',
      id: secret.id,
      token: creds.readToken,
    });
    expect(result.statusCode).toBe(409);
    expect(json(result)).toEqual({
      error: 'not_yet_open',
      message: `This secret opens at ${new Date(opensAt).toISOString()}; nothing was consumed.`,
      notBefore: new Date(opensAt).toISOString(),
    });
    // 90 minutes and half a second, rounded up.
    expect(result.headers?.['Retry-After']).toBe(String(90 * 60 + 1));
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  it('counts no wrong passphrase before the opening time: nobody can guess early', async () => {
    const secret = scheduled(withPassphrase(creds));
    dynamo.on(GetCommand).resolves({ Item: secret });
    for (let i = 0; i < 6; i += 1) {
      const result = await callHandler(handlers.read, {
        method: 'POST',
        id: secret.id,
        token: creds.readToken,
        body: { verifier: b64(Buffer.alloc(32, i)) },
      });
      expect(result.statusCode).toBe(409);
    }
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('answers a wrong read token 404, exactly like an unknown id: the time is not told', async () => {
    const secret = scheduled();
    dynamo.on(GetCommand).resolves({ Item: secret });
    const result = await callHandler(handlers.read, {
      method: 'POST',
      id: secret.id,
      token: credentials().readToken,
    });
    expect(result.statusCode).toBe(404);
    expect(json(result)).toEqual({ error: 'not_found', message: expect.any(String) });
    expect(JSON.stringify(result)).not.toContain(new Date(opensAt).toISOString());
  });

  it('destroy answers 409 not_yet_open too and ends nothing', async () => {
    const secret = scheduled();
    dynamo.on(GetCommand).resolves({ Item: secret });
    const result = await callHandler(handlers.destroy, {
      method: 'POST',
      id: secret.id,
      token: creds.readToken,
    });
    expect(result.statusCode).toBe(409);
    expect(json(result).error).toBe('not_yet_open');
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('the receipt tells the sender the opening time', async () => {
    const secret = scheduled();
    dynamo.on(GetCommand).resolves({ Item: secret });
    const result = await callHandler(handlers.receipt, {
      method: 'GET',
      id: secret.id,
      token: creds.manageToken,
    });
    expect(result.statusCode).toBe(200);
    expect(json(result)).toMatchObject({
      state: 'active',
      notBefore: new Date(opensAt).toISOString(),
    });
  });
});

describe('from the opening time on', () => {
  it('reads as any secret at the very millisecond it opens', async () => {
    const secret = record(creds, { notBefore: NOW.getTime(), expiresAt: later(3600_000) });
    dynamo.on(GetCommand).resolves({ Item: secret });
    s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v-created' });
    dynamo.on(UpdateCommand).resolves({ Attributes: { ...secret, remainingReads: 0 } });
    const result = await callHandler(handlers.read, {
      method: 'POST',
      id: secret.id,
      token: creds.readToken,
    });
    expect(result.statusCode).toBe(200);
    expect(json(result).ciphertext).toBe(jwe);
  });
});
