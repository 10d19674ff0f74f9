// What changes between a use case loading the item and its conditional write, against the real
// dynalite and s3rver through the production clients: the write, not the load, decides.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSecret } from '../../lambdas/create/create.ts';
import { createHandler as createRead } from '../../lambdas/read/endpoint.ts';
import { readSecret } from '../../lambdas/read/read.ts';
import { revokeSecret } from '../../lambdas/revoke/revoke.ts';
import { createClients } from '../../lambdas/common/clients.ts';
import { createDeps, type HandlerDeps } from '../../lambdas/common/deps.ts';
import type { MetricName } from '../../lambdas/common/powertools.ts';
import { startEmulators, type Emulators } from '../../local/emulators.ts';
import { emulatorClientOptions } from '../../local/server.ts';
import { testHttp } from '../helpers/aws.ts';
import {
  apiEvent,
  credentials,
  hashOf,
  lambdaContext,
  sampleJwe,
  withPassphrase,
} from '../helpers/fixtures.ts';

const NAMES = { tableName: 'races-tokens', bucketName: 'races-vault' };

let emulators: Emulators;
let base: HandlerDeps;
let jwe: string;

/** What the clients do besides sending: set by a test, reset before each. */
const faults = {
  /** Runs once, just before the next UpdateItem is sent: a change that lands before that write. */
  beforeNextUpdate: undefined as (() => Promise<unknown>) | undefined,
  /** DeleteObject fails, as when S3 is unreachable. */
  failDeletes: false,
};
let updatesSent = 0;
let objectGets = 0;

beforeAll(async () => {
  emulators = await startEmulators(mkdtempSync(path.join(tmpdir(), 'secretsentry-races-')), NAMES);
  const clients = createClients(emulatorClientOptions(emulators));
  clients.dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      if (/^Update/.test(context.commandName ?? '')) {
        updatesSent++;
        const change = faults.beforeNextUpdate;
        faults.beforeNextUpdate = undefined;
        await change?.();
      }
      return next(args);
    },
    { step: 'initialize', name: 'raceBeforeUpdate' },
  );
  clients.s3.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'GetObjectCommand') objectGets++;
      if (context.commandName === 'DeleteObjectCommand' && faults.failDeletes) {
        throw Object.assign(new Error('S3 is unreachable'), { name: 'TimeoutError' });
      }
      return next(args);
    },
    { step: 'initialize', name: 's3Faults' },
  );
  base = createDeps(clients, NAMES, testHttp());
  jwe = await sampleJwe();
}, 30_000);

afterAll(async () => {
  await emulators?.close();
});

beforeEach(() => {
  faults.beforeNextUpdate = undefined;
  faults.failDeletes = false;
  updatesSent = 0;
  objectGets = 0;
});

/** Deps whose counted metrics are kept apart, so each party's count is its own. */
function party(overrides: Partial<HandlerDeps> = {}) {
  const counted: MetricName[] = [];
  return {
    deps: { ...base, count: (m: MetricName) => void counted.push(m), ...overrides },
    counted,
  };
}

async function share(options: { maxReads: number; passphrase?: boolean }) {
  const creds = credentials();
  const created = await createSecret(base, {
    ciphertext: jwe,
    readTokenHash: hashOf(creds.readToken),
    maxReads: options.maxReads,
    ...(options.passphrase ? withPassphrase(creds) : {}),
  });
  const item = await base.store.get(created.id);
  if (!item) throw new Error('the secret was not stored');
  return { creds, id: created.id, manageToken: created.manageToken, item };
}

/** A clock that shows the secret live to the first look (the load), and expired from then on. */
function expiresAfterFirstLook(expiresAt: number): () => Date {
  let looks = 0;
  return () => new Date(looks++ === 0 ? expiresAt - 1 : expiresAt);
}

describe('a secret that expires between the load and the write', () => {
  it('is not read: 404, and nothing is counted', async () => {
    const { creds, id, item } = await share({ maxReads: 2 });
    const reader = party({ now: expiresAfterFirstLook(item.expiresAt) });

    await expect(
      readSecret(reader.deps, { id, readToken: creds.readToken, verifier: undefined }),
    ).rejects.toMatchObject({ status: 404 });

    expect(updatesSent).toBe(1); // the write was tried, and refused
    expect(await base.store.get(id)).toEqual(item);
    expect(reader.counted).toEqual([]);
  });

  it('does not count a wrong verifier: 404, and nothing is counted', async () => {
    const { creds, id, item } = await share({ maxReads: 1, passphrase: true });
    const guesser = party({ now: expiresAfterFirstLook(item.expiresAt) });

    await expect(
      readSecret(guesser.deps, {
        id,
        readToken: creds.readToken,
        verifier: credentials().verifier,
      }),
    ).rejects.toMatchObject({ status: 404 });

    expect(updatesSent).toBe(1);
    expect(await base.store.get(id)).toEqual(item);
    expect(guesser.counted).toEqual([]);
  });
});

describe('a revoke that lands between the load and the write', () => {
  it('is not read: the reader gets 404, and nothing is counted', async () => {
    const { creds, id, manageToken, item } = await share({ maxReads: 2 });
    const reader = party();
    faults.beforeNextUpdate = () => revokeSecret(party().deps, { id, manageToken });

    await expect(
      readSecret(reader.deps, { id, readToken: creds.readToken, verifier: undefined }),
    ).rejects.toMatchObject({ status: 404 });

    expect(faults.beforeNextUpdate).toBeUndefined(); // the revoke ran, before the reader's write
    expect(await base.store.get(id)).toMatchObject({
      state: 'revoked',
      remainingReads: item.remainingReads,
      reads: [],
    });
    expect(reader.counted).toEqual([]);
  });

  it('does not count a wrong verifier: 404, and nothing is counted', async () => {
    const { creds, id, manageToken } = await share({ maxReads: 1, passphrase: true });
    const guesser = party();
    faults.beforeNextUpdate = () => revokeSecret(party().deps, { id, manageToken });

    await expect(
      readSecret(guesser.deps, {
        id,
        readToken: creds.readToken,
        verifier: credentials().verifier,
      }),
    ).rejects.toMatchObject({ status: 404 });

    expect(faults.beforeNextUpdate).toBeUndefined();
    expect(await base.store.get(id)).toMatchObject({ state: 'revoked', failedAttempts: 0 });
    expect(guesser.counted).toEqual([]);
  });
});

describe('the last read, when its delete fails', () => {
  const readEvent = (id: string, readToken: string) =>
    apiEvent({
      httpMethod: 'POST',
      pathParameters: { id },
      headers: { Authorization: `Bearer ${readToken}`, 'Content-Type': 'application/json' },
      body: '{}',
    });

  it('still answers the last reader, and the burned item stops the next read before S3 is asked', async () => {
    const { creds, id } = await share({ maxReads: 1 });
    const read = createRead(base);
    faults.failDeletes = true;

    const first = await read(readEvent(id, creds.readToken), lambdaContext);
    const second = await read(readEvent(id, creds.readToken), lambdaContext);

    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(404);
    expect(objectGets).toBe(1);
    // The ciphertext is still in the vault: the item alone keeps it unreadable.
    expect((await base.vault.get(id))?.ciphertext).toBe(jwe);
  });
});
