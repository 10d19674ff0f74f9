// meta, revoke and receipt, and the rule they share with read: a credential that does not fit
// answers exactly like an id that never existed.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { DeleteObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { createHandler as createMeta } from '../../lambdas/meta/endpoint.ts';
import { createHandler as createRead } from '../../lambdas/read/endpoint.ts';
import { createHandler as createRevoke } from '../../lambdas/revoke/endpoint.ts';
import { createHandler as createReceipt } from '../../lambdas/receipt/endpoint.ts';
import { createHandler as createHealth } from '../../lambdas/health/endpoint.ts';
import { getSecretMeta } from '../../lambdas/meta/meta.ts';
import { getReceipt } from '../../lambdas/receipt/receipt.ts';
import { dynamo, json, s3, testDeps } from '../helpers/aws.ts';
import {
  apiEvent,
  credentials,
  lambdaContext,
  randomId,
  randomToken,
  record,
  withPassphrase,
} from '../helpers/fixtures.ts';
import type { SecretRecord } from '../../lambdas/common/lifecycle.ts';

const creds = credentials();
type Handler = (e: APIGatewayProxyEvent, c: typeof lambdaContext) => Promise<APIGatewayProxyResult>;
const deps = testDeps();
const meta = createMeta(deps);
const read = createRead(deps);
const revoke = createRevoke(deps);
const receipt = createReceipt(deps);

const call = (h: Handler, method: string, id: string, token?: string, body?: string) =>
  h(
    apiEvent({
      httpMethod: method,
      pathParameters: { id },
      headers: {
        ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body ?? null,
    }),
    lambdaContext,
  );

beforeEach(() => {
  dynamo.reset();
  s3.reset();
});

describe('GET /secrets/{id}', () => {
  it('tells remaining reads, expiry and passphrase parameters, and consumes nothing', async () => {
    const secret = record(creds, { maxReads: 4, remainingReads: 2, ...withPassphrase(creds) });
    dynamo.on(GetCommand).resolves({ Item: secret });
    const result = await call(meta, 'GET', secret.id, creds.readToken);
    expect(result.statusCode).toBe(200);
    expect(json(result)).toEqual({
      id: secret.id,
      // An item without a kind was written before files existed: a text.
      kind: 'text',
      expiresAt: new Date(secret.expiresAt).toISOString(),
      remainingReads: 2,
      passphrase: { salt: secret.passphrase?.salt, iterations: 600_000 },
      hidden: false,
    });
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
  });

  it("tells the sender's choice to show the secret hidden until asked", async () => {
    const secret = record(creds, { hidden: true });
    dynamo.on(GetCommand).resolves({ Item: secret });
    expect(json(await call(meta, 'GET', secret.id, creds.readToken)).hidden).toBe(true);
  });

  it('says passphrase null for an unprotected secret', async () => {
    const secret = record(creds);
    dynamo.on(GetCommand).resolves({ Item: secret });
    expect(json(await call(meta, 'GET', secret.id, creds.readToken)).passphrase).toBeNull();
  });

  it('treats a secret as expired from its expiresAt on (injected clock)', async () => {
    const secret = record(creds, { expiresAt: Date.parse('2026-05-01T00:00:00Z') });
    dynamo.on(GetCommand).resolves({ Item: secret });
    const at = (iso: string) => ({ ...deps, now: () => new Date(iso) });
    await expect(
      getSecretMeta(at('2026-04-30T23:59:59.999Z'), {
        id: secret.id,
        readToken: creds.readToken,
      }),
    ).resolves.toMatchObject({ remainingReads: 1 });
    await expect(
      getSecretMeta(at('2026-05-01T00:00:00.000Z'), {
        id: secret.id,
        readToken: creds.readToken,
      }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      getReceipt(at('2026-05-02T00:00:00.000Z'), {
        id: secret.id,
        manageToken: creds.manageToken,
      }),
    ).resolves.toMatchObject({ state: 'expired' });
  });
});

describe('indistinguishable 404s', () => {
  const unknownAnswer = async (h: Handler, method: string, body?: string) => {
    dynamo.on(GetCommand).resolves({});
    return call(h, method, randomId(), randomToken(), body);
  };

  const cases: [
    string,
    (s: SecretRecord) => { id: string; token?: string; item?: SecretRecord },
  ][] = [
    ['a wrong token', (s) => ({ id: s.id, token: randomToken(), item: s })],
    ['a missing token', (s) => ({ id: s.id, item: s })],
    ['a malformed token', (s) => ({ id: s.id, token: 'not-base64url!', item: s })],
    ['the manage token used to read', (s) => ({ id: s.id, token: creds.manageToken, item: s })],
    [
      'a burned secret',
      (s) => ({
        id: s.id,
        token: creds.readToken,
        item: { ...s, state: 'burned', remainingReads: 0 },
      }),
    ],
    [
      'a secret used up by reads',
      (s) => ({ id: s.id, token: creds.readToken, item: { ...s, remainingReads: 0 } }),
    ],
    [
      'a secret destroyed by five wrong passphrases',
      (s) => ({ id: s.id, token: creds.readToken, item: { ...s, failedAttempts: 5 } }),
    ],
    [
      'a revoked secret',
      (s) => ({ id: s.id, token: creds.readToken, item: { ...s, state: 'revoked' } }),
    ],
    [
      'an expired secret',
      (s) => ({ id: s.id, token: creds.readToken, item: { ...s, expiresAt: Date.now() - 1 } }),
    ],
    ['an odd id', () => ({ id: '../../etc/passwd', token: creds.readToken })],
    ['an id of the wrong length', () => ({ id: 'abc', token: creds.readToken })],
  ];

  it.each(cases)(
    'meta and read answer %s with the same bytes as an unknown id',
    async (_name, make) => {
      for (const [h, method, body] of [
        [meta, 'GET', undefined],
        [read, 'POST', '{}'],
      ] as const) {
        dynamo.reset();
        const expected = await unknownAnswer(h, method, body);
        dynamo.reset();
        const c = make(record(creds));
        dynamo.on(GetCommand).resolves(c.item ? { Item: c.item } : {});
        const actual = await call(h, method, c.id, c.token, body);
        expect(actual).toEqual(expected);
        expect(actual.statusCode).toBe(404);
      }
      expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
    },
  );

  it('revoke and receipt answer a wrong or read token exactly like an unknown id', async () => {
    for (const [h, method] of [
      [revoke, 'DELETE'],
      [receipt, 'GET'],
    ] as const) {
      dynamo.reset();
      const expected = await unknownAnswer(h, method);
      for (const token of [randomToken(), creds.readToken, undefined]) {
        dynamo.reset();
        const secret = record(creds);
        dynamo.on(GetCommand).resolves({ Item: secret });
        expect(await call(h, method, secret.id, token)).toEqual(expected);
      }
    }
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
  });
});

describe('DELETE /secrets/{id}', () => {
  it('revokes at once and deletes the exact object version', async () => {
    const secret = record(creds, { maxReads: 5, remainingReads: 5 });
    dynamo.on(GetCommand).resolves({ Item: secret });
    dynamo.on(UpdateCommand).resolves({});
    s3.on(DeleteObjectCommand).resolves({});
    const result = await call(revoke, 'DELETE', secret.id, creds.manageToken);
    expect(result.statusCode).toBe(204);
    expect(result.body).toBe('');
    expect(result.headers?.['Cache-Control']).toBe('no-store');
    // What the write does and when DynamoDB refuses it: test/integration/store-conditions.test.ts.
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(1);
    expect(s3.commandCalls(DeleteObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'test-vault',
      Key: `secrets/${secret.id}`,
      VersionId: 'v-created',
    });
  });

  it.each([
    // Used up by reads: the stored state was never rewritten, the count says burned.
    ['used up', { remainingReads: 0 }],
    ['expired', { expiresAt: Date.now() - 1 }],
    ['already revoked', { state: 'revoked' as const }],
  ])(
    'is idempotent: a secret %s answers 204 and keeps its state',
    async (_name, overrides: Partial<SecretRecord>) => {
      const secret = record(creds, overrides);
      dynamo.on(GetCommand).resolves({ Item: secret });
      s3.on(DeleteObjectCommand).resolves({});
      expect((await call(revoke, 'DELETE', secret.id, creds.manageToken)).statusCode).toBe(204);
      expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
    },
  );
});

describe('GET /secrets/{id}/receipt', () => {
  it('reports the state, counts and read times, also after the secret burned', async () => {
    const reads = [{ at: '2026-01-01T10:00:00.000Z' }, { at: '2026-01-01T11:00:00.000Z' }];
    const secret = record(creds, { state: 'burned', maxReads: 2, remainingReads: 0, reads });
    dynamo.on(GetCommand).resolves({ Item: secret });
    const result = await call(receipt, 'GET', secret.id, creds.manageToken);
    expect(result.statusCode).toBe(200);
    expect(json(result)).toEqual({
      state: 'burned',
      kind: 'text',
      maxReads: 2,
      remainingReads: 0,
      failedAttempts: 0,
      expiresAt: new Date(secret.expiresAt).toISOString(),
      createdAt: secret.createdAt,
      reads,
    });
  });

  it('says locked, with every wrong passphrase, once wrong passphrases destroyed the secret', async () => {
    const secret = record(creds, { failedAttempts: 5, totalFailedAttempts: 5 });
    dynamo.on(GetCommand).resolves({ Item: secret });
    const result = await call(receipt, 'GET', secret.id, creds.manageToken);
    expect(json(result)).toMatchObject({ state: 'locked', failedAttempts: 5, reads: [] });
  });

  it('keeps reporting wrong passphrases after a read cleared the run of them', async () => {
    const reads = [{ at: '2026-01-01T10:00:00.000Z' }];
    const secret = record(creds, {
      maxReads: 2,
      remainingReads: 1,
      failedAttempts: 0,
      totalFailedAttempts: 2,
      reads,
    });
    dynamo.on(GetCommand).resolves({ Item: secret });
    const result = await call(receipt, 'GET', secret.id, creds.manageToken);
    expect(json(result)).toMatchObject({ state: 'active', failedAttempts: 2, reads });
  });

  it('answers 404 once the tombstone has outlived its retention', async () => {
    const secret = record(creds, { purgeAt: Math.floor(Date.now() / 1000) - 1 });
    dynamo.on(GetCommand).resolves({ Item: secret });
    expect((await call(receipt, 'GET', secret.id, creds.manageToken)).statusCode).toBe(404);
  });
});

describe('GET /health', () => {
  it('answers ok without touching AWS', async () => {
    // Given everything a handler can be given, on clients that record every call and refuse it.
    dynamo.onAnyCommand().rejects(new Error('health must not call DynamoDB'));
    s3.onAnyCommand().rejects(new Error('health must not call S3'));
    const health = createHealth(testDeps());

    const result = await health(apiEvent({ httpMethod: 'GET' }), lambdaContext);

    expect(result.statusCode).toBe(200);
    expect(json(result)).toEqual({ ok: true });
    expect(dynamo.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
  });
});
