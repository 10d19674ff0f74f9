// Several recipients at the handlers (issue 15 part 1): create keeps each link's counts under its read
// token's hash; a link's read, wrong passphrase, destroy and revoke write only that link's fields,
// under that link's condition; the ciphertext goes only with the last open link; a webhook hears
// which link.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createHandler as createCreate } from '../../lambdas/create/endpoint.ts';
import { createHandler as createMeta } from '../../lambdas/meta/endpoint.ts';
import { createHandler as createRead } from '../../lambdas/read/endpoint.ts';
import { createHandler as createRevokeRecipient } from '../../lambdas/revoke-recipient/endpoint.ts';
import type { RecipientRecord, SecretRecord } from '../../lambdas/common/lifecycle.ts';
import type { WebhookNotice } from '../../lambdas/common/webhook-events.ts';
import { dynamo, json, objectBody, s3, testDeps } from '../helpers/aws.ts';
import {
  callHandler,
  credentials,
  hashOf,
  randomToken,
  record,
  sampleJwe,
} from '../helpers/fixtures.ts';

const NOW = new Date('2026-12-01T12:00:00.000Z');
let queued: WebhookNotice[] = [];
const deps = testDeps({
  now: () => NOW,
  webhooks: { enqueue: async (notices) => void queued.push(...notices) },
});
const handlers = {
  create: createCreate(deps),
  meta: createMeta(deps),
  read: createRead(deps),
  revokeRecipient: createRevokeRecipient(deps),
};
const creds = credentials();
const tokens = [randomToken(), randomToken(), randomToken()];
let jwe: string;

const link = (index: number, overrides: Partial<RecipientRecord> = {}): RecipientRecord => ({
  index,
  maxReads: 1,
  remainingReads: 1,
  failedAttempts: 0,
  reads: [],
  ...overrides,
});

/** A secret with three links as create stores it, with a webhook. */
function shared(links: Partial<RecipientRecord>[] = [{}, {}, {}]): SecretRecord {
  const secret = record(creds, {
    expiresAt: NOW.getTime() + 3600_000,
    maxReads: links.length,
    remainingReads: links.length,
    webhook: { url: 'https://hooks.example.com/x', secret: `whsec_${'A'.repeat(43)}=` },
  });
  return {
    ...secret,
    // Several links: no secret-wide read token.
    readTokenHash: undefined,
    recipients: Object.fromEntries(links.map((l, i) => [hashOf(tokens[i] ?? ''), link(i, l)])),
  };
}

const read = (token: string, id: string) =>
  callHandler(handlers.read, { method: 'POST', id, token });

beforeEach(async () => {
  dynamo.reset();
  s3.reset();
  queued = [];
  jwe ??= await sampleJwe();
  s3.on(PutObjectCommand).resolves({ VersionId: 'v-put' });
  s3.on(GetObjectCommand).resolves({ Body: objectBody(jwe), VersionId: 'v-created' });
  dynamo.on(PutCommand).resolves({});
});

describe('create with recipients', () => {
  it('keeps each link under its read token hash, in order, with its reads and label, and no secret-wide token', async () => {
    const hashes = tokens.map(hashOf);
    const label = await sampleJwe('Ops on-call');
    const result = await callHandler(handlers.create, {
      method: 'POST',
      body: {
        ciphertext: jwe,
        recipients: [
          { readTokenHash: hashes[0], label },
          { readTokenHash: hashes[1], maxReads: 3 },
          { readTokenHash: hashes[2] },
        ],
      },
    });
    expect(result.statusCode).toBe(201);
    expect(json(result).maxReads).toBe(5);
    const item = dynamo.commandCalls(PutCommand)[0]?.args[0].input.Item as SecretRecord;
    expect(item).not.toHaveProperty('readTokenHash');
    expect(item.recipients).toEqual({
      [hashes[0] ?? '']: link(0, { label }),
      [hashes[1] ?? '']: link(1, { maxReads: 3, remainingReads: 3 }),
      [hashes[2] ?? '']: link(2),
    });
  });
});

describe("a link's read", () => {
  it("counts only that link, under that link's condition, and keeps the ciphertext while others are open", async () => {
    const item = shared();
    dynamo.on(GetCommand).resolves({ Item: item });
    const hash = hashOf(tokens[1] ?? '');
    const after = {
      ...item,
      recipients: { ...item.recipients, [hash]: link(1, { remainingReads: 0 }) },
    };
    dynamo.on(UpdateCommand).resolves({ Attributes: after });
    const result = await read(tokens[1] ?? '', item.id);
    expect(result.statusCode).toBe(200);
    expect(json(result).remainingReads).toBe(0);
    const update = dynamo.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(update?.ExpressionAttributeNames).toMatchObject({ '#rcp': 'recipients', '#r': hash });
    expect(update?.UpdateExpression).toContain(
      '#rcp.#r.remainingReads = #rcp.#r.remainingReads - :one',
    );
    expect(update?.ConditionExpression).toContain('#rcp.#r.remainingReads >= :one');
    expect(update?.ConditionExpression).toContain('attribute_not_exists(#rcp.#r.endedAt)');
    expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(0);
    // The sender hears which link was read, and no burn while other links are open.
    expect(queued.map((n) => [n.type, n.recipient, n.remainingReads])).toEqual([
      ['secret.read', 1, 0],
    ]);
  });

  it('deletes the ciphertext with the last open link, and tells of the burn', async () => {
    const item = shared([
      {},
      { state: 'revoked', endedAt: NOW.toISOString() },
      { remainingReads: 0 },
    ]);
    dynamo.on(GetCommand).resolves({ Item: item });
    const hash = hashOf(tokens[0] ?? '');
    const after = {
      ...item,
      recipients: { ...item.recipients, [hash]: link(0, { remainingReads: 0 }) },
    };
    dynamo.on(UpdateCommand).resolves({ Attributes: after });
    expect((await read(tokens[0] ?? '', item.id)).statusCode).toBe(200);
    expect(s3.commandCalls(DeleteObjectCommand)[0]?.args[0].input.VersionId).toBe('v-created');
    expect(queued.map((n) => [n.type, n.recipient])).toEqual([
      ['secret.read', 0],
      ['secret.burned', 0],
    ]);
  });

  it('answers a used-up, revoked or unknown link 404 without a write, and meta its own counts', async () => {
    const item = shared([
      { remainingReads: 0 },
      { state: 'revoked', endedAt: 'x' },
      { maxReads: 4, remainingReads: 3 },
    ]);
    dynamo.on(GetCommand).resolves({ Item: item });
    for (const token of [tokens[0] ?? '', tokens[1] ?? '', randomToken()])
      expect((await read(token, item.id)).statusCode).toBe(404);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
    const meta = await callHandler(handlers.meta, { method: 'GET', id: item.id, token: tokens[2] });
    expect(json(meta)).toMatchObject({ remainingReads: 3 });
  });
});

describe('revoke one link', () => {
  const revoke = (id: string, recipient: string, token = creds.manageToken) =>
    callHandler(handlers.revokeRecipient, { method: 'DELETE', id, params: { recipient }, token });

  it('ends that link only, keeps the ciphertext while others are open, tells the webhook which', async () => {
    const item = shared();
    dynamo.on(GetCommand).resolves({ Item: item });
    dynamo.on(UpdateCommand).resolves({ Attributes: item });
    expect((await revoke(item.id, '2')).statusCode).toBe(204);
    const update = dynamo.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(update?.ExpressionAttributeNames?.['#r']).toBe(hashOf(tokens[2] ?? ''));
    expect(update?.UpdateExpression).toBe('SET #rcp.#r.#state = :revoked, #rcp.#r.endedAt = :at');
    expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(0);
    expect(queued.map((n) => [n.type, n.recipient])).toEqual([['secret.revoked', 2]]);
  });

  it.each([
    ['a number past the links', '3'],
    ['not a number', 'two'],
    ['a number with a sign', '-1'],
    ['a padded number', '01'],
  ])('answers %s 404, writing nothing', async (_, recipient) => {
    const item = shared();
    dynamo.on(GetCommand).resolves({ Item: item });
    expect((await revoke(item.id, recipient)).statusCode).toBe(404);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('answers a wrong manage token and a secret with one link 404, and an ended link 204 without a write', async () => {
    const item = shared([{}, { remainingReads: 0 }]);
    dynamo.on(GetCommand).resolves({ Item: item });
    expect((await revoke(item.id, '0', randomToken())).statusCode).toBe(404);
    expect((await revoke(item.id, '1')).statusCode).toBe(204);
    dynamo.on(GetCommand).resolves({ Item: record(creds) });
    expect((await revoke(item.id, '0')).statusCode).toBe(404);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });
});
