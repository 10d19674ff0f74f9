// What each of the token store's conditional writes does, and what DynamoDB refuses, against the real
// dynalite: the behaviour its expressions must have, not their spelling.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { createClients } from '../../lambdas/common/clients.ts';
import {
  failedAttemptsOf,
  isReadable,
  receiptState,
  type SecretRecord,
} from '../../lambdas/common/lifecycle.ts';
import { TokenStore } from '../../lambdas/common/tokenStore.ts';
import { startEmulators, type Emulators } from '../../local/emulators.ts';
import { emulatorClientOptions } from '../../local/server.ts';
import { credentials, randomId, record, withPassphrase } from '../helpers/fixtures.ts';

const NAMES = { tableName: 'store-tokens', bucketName: 'store-vault' };
const NOW = new Date(Date.parse('2026-06-01T12:00:00.000Z'));
const HOUR = 3600_000;

let emulators: Emulators;
let store: TokenStore;

beforeAll(async () => {
  emulators = await startEmulators(mkdtempSync(path.join(tmpdir(), 'secretsentry-store-')), NAMES);
  store = new TokenStore(createClients(emulatorClientOptions(emulators)).dynamo, NAMES.tableName);
}, 30_000);

afterAll(async () => {
  await emulators?.close();
});

/** A stored secret, live at NOW unless the overrides say otherwise. */
async function stored(overrides: Partial<SecretRecord> = {}): Promise<SecretRecord> {
  const creds = credentials();
  const secret = record(creds, {
    createdAt: new Date(NOW.getTime() - HOUR).toISOString(),
    expiresAt: NOW.getTime() + HOUR,
    ...withPassphrase(creds),
    ...overrides,
  });
  await store.create(secret);
  return secret;
}

const item = async (id: string) => store.get(id);

/** The secret states in which nothing may be counted or revoked any more. */
const ENDED: [string, Partial<SecretRecord>][] = [
  ['used up by reads', { remainingReads: 0 }],
  ['destroyed by five wrong verifiers', { failedAttempts: 5 }],
  ['revoked', { state: 'revoked' }],
  ['burned', { state: 'burned', remainingReads: 0 }],
  ['expired', { expiresAt: NOW.getTime() }],
];

describe('create', () => {
  it('never replaces the item of an existing id', async () => {
    const first = await stored();
    const before = await item(first.id);
    const second = record(credentials(), { id: first.id });

    await expect(store.create(second)).rejects.toBeInstanceOf(ConditionalCheckFailedException);

    expect(await item(first.id)).toEqual(before);
  });
});

describe('consumeRead', () => {
  it('takes one read, records when, and answers how many are left', async () => {
    const secret = await stored({ maxReads: 3, remainingReads: 3 });

    const answer = await store.consumeRead(secret.id, 'request-1', NOW);

    expect(answer).toEqual({ outcome: 'read', remainingReads: 2, ended: false });
    expect(await item(secret.id)).toMatchObject({
      remainingReads: 2,
      reads: [{ at: NOW.toISOString() }],
    });
  });

  it('answers burned to the read that takes the last one, and the secret reads as burned', async () => {
    const secret = await stored({ maxReads: 2, remainingReads: 1 });

    expect(await store.consumeRead(secret.id, 'request-1', NOW)).toEqual({
      outcome: 'burned',
      ended: true,
    });

    const after = await item(secret.id);
    expect(after && receiptState(after, NOW)).toBe('burned');
  });

  it('clears the wrong-verifier count', async () => {
    const secret = await stored({ maxReads: 2, remainingReads: 2, failedAttempts: 4 });

    await store.consumeRead(secret.id, 'request-1', NOW);

    expect((await item(secret.id))?.failedAttempts).toBe(0);
  });

  it('counts a request once: its repeat gets the same answer and takes nothing', async () => {
    const secret = await stored({ maxReads: 3, remainingReads: 3 });

    const first = await store.consumeRead(secret.id, 'request-1', NOW);
    const repeat = await store.consumeRead(secret.id, 'request-1', NOW);

    expect(repeat).toEqual(first);
    expect(await item(secret.id)).toMatchObject({ remainingReads: 2, reads: [expect.anything()] });
  });

  it('never makes concurrent readers fail each other', async () => {
    const secret = await stored({ maxReads: 2, remainingReads: 2 });

    const answers = await Promise.all([
      store.consumeRead(secret.id, 'request-1', NOW),
      store.consumeRead(secret.id, 'request-2', NOW),
    ]);

    expect(answers).toEqual(
      expect.arrayContaining([
        { outcome: 'read', remainingReads: 1, ended: false },
        { outcome: 'burned', ended: true },
      ]),
    );
  });

  it('takes a read until just before expiresAt', async () => {
    const secret = await stored({ expiresAt: NOW.getTime() + 1 });

    expect(await store.consumeRead(secret.id, 'request-1', NOW)).toMatchObject({
      outcome: 'burned',
    });
  });

  it.each(ENDED)('refuses a read of a secret %s, and changes nothing', async (_name, ended) => {
    const secret = await stored(ended);
    const before = await item(secret.id);

    expect(await store.consumeRead(secret.id, 'request-1', NOW)).toEqual({ outcome: 'refused' });

    expect(await item(secret.id)).toEqual(before);
  });

  it('refuses a read of an id without an item, and creates none', async () => {
    const id = randomId();

    expect(await store.consumeRead(id, 'request-1', NOW)).toEqual({ outcome: 'refused' });

    expect(await item(id)).toBeUndefined();
  });
});

describe('recordWrongVerifier', () => {
  it('counts one wrong verifier without spending a read, and answers how many tries are left', async () => {
    const secret = await stored({ maxReads: 2, remainingReads: 2, failedAttempts: 1 });

    const answer = await store.recordWrongVerifier(secret.id, 'request-1', NOW);

    expect(answer).toEqual({ outcome: 'counted', attemptsLeft: 3 });
    expect(await item(secret.id)).toMatchObject({
      failedAttempts: 2,
      remainingReads: 2,
      reads: [],
    });
  });

  it('answers destroyed to the fifth, and the secret can no longer be read', async () => {
    const secret = await stored({ failedAttempts: 4 });

    expect(await store.recordWrongVerifier(secret.id, 'request-1', NOW)).toEqual({
      outcome: 'destroyed',
      ended: true,
    });

    const after = await item(secret.id);
    expect(after && isReadable(after, NOW)).toBe(false);
    expect(after && receiptState(after, NOW)).toBe('locked');
  });

  it('keeps the total of wrong verifiers for the receipt when a read clears the run', async () => {
    const secret = await stored({ maxReads: 2, remainingReads: 2 });

    await store.recordWrongVerifier(secret.id, 'request-1', NOW);
    await store.recordWrongVerifier(secret.id, 'request-2', NOW);
    await store.consumeRead(secret.id, 'request-3', NOW);
    await store.recordWrongVerifier(secret.id, 'request-4', NOW);

    const after = await item(secret.id);
    expect(after).toMatchObject({ failedAttempts: 1, totalFailedAttempts: 3, remainingReads: 1 });
    expect(after && failedAttemptsOf(after)).toBe(3);
  });

  it('starts the total of an item written before it was kept from the count it has', async () => {
    const secret = await stored({ maxReads: 2, remainingReads: 2, failedAttempts: 2 });

    await store.recordWrongVerifier(secret.id, 'request-1', NOW);

    expect(await item(secret.id)).toMatchObject({ failedAttempts: 3, totalFailedAttempts: 3 });
  });

  it('counts a request once: its repeat gets the same answer and counts nothing', async () => {
    const secret = await stored({ failedAttempts: 0 });

    const first = await store.recordWrongVerifier(secret.id, 'request-1', NOW);
    const repeat = await store.recordWrongVerifier(secret.id, 'request-1', NOW);

    expect(repeat).toEqual(first);
    expect((await item(secret.id))?.failedAttempts).toBe(1);
  });

  it.each(ENDED)('refuses to count for a secret %s, and changes nothing', async (_name, ended) => {
    const secret = await stored(ended);
    const before = await item(secret.id);

    expect(await store.recordWrongVerifier(secret.id, 'request-1', NOW)).toEqual({
      outcome: 'refused',
    });

    expect(await item(secret.id)).toEqual(before);
  });
});

describe('revoke', () => {
  it('ends a readable secret at once, and a repeat changes nothing', async () => {
    const secret = await stored({ maxReads: 3, remainingReads: 3 });

    expect(await store.revoke(secret.id, NOW)).toBe('revoked');
    const after = await item(secret.id);
    expect(await store.revoke(secret.id, NOW)).toBe('refused');

    expect(after).toMatchObject({ state: 'revoked', endedAt: NOW.toISOString() });
    expect(after && isReadable(after, NOW)).toBe(false);
    expect(await item(secret.id)).toEqual(after);
  });

  it.each(ENDED)(
    'refuses a secret %s, which keeps its state in the receipt',
    async (_name, ended) => {
      const secret = await stored(ended);
      const before = await item(secret.id);

      expect(await store.revoke(secret.id, NOW)).toBe('refused');

      const after = await item(secret.id);
      expect(after).toEqual(before);
      expect(after && receiptState(after, NOW)).toBe(before && receiptState(before, NOW));
    },
  );
});
