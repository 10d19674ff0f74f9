// The local sweeper against the real emulators, with secrets made by the production create use case.
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ListObjectsCommand } from '@aws-sdk/client-s3';
import { BatchGetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createSecret } from '../../lambdas/create/create.ts';
import { UPLOAD_SIZES, type Deps } from '../../lambdas/common/deps.ts';
import { BODY_DELETE_DELAY_SECONDS, type SecretRecord } from '../../lambdas/common/lifecycle.ts';
import { TokenStore } from '../../lambdas/common/tokenStore.ts';
import { Vault } from '../../lambdas/common/vault.ts';
import { startEmulators } from '../../local/emulators.ts';
import {
  createSweepClients,
  describeSweep,
  startSweeper,
  sweepAndLog,
  sweepVault,
  type SweepClients,
  type SweepCounts,
  type SweepOptions,
} from '../../local/sweep.ts';
import { LIMITS } from '../../core/limits.ts';
import { credentials, hashOf, record, sampleJwe } from '../helpers/fixtures.ts';
import { NO_EXPIRY_ALARM } from '../../lambdas/common/webhook-expiry.ts';

const MINUTE = 60_000;
const GRACE = 15 * MINUTE;

const NAMES = { tableName: 'secretsentry-tokens', bucketName: 'secretsentry-vault' };

let jwe: string;
/** What afterEach closes and removes, newest first. */
let cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  jwe = await sampleJwe();
});

afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

const counts = (
  deleted: Partial<SweepCounts['objectsDeleted']> = {},
  itemsPurged = 0,
  uploadsAborted = 0,
): SweepCounts => ({
  objectsDeleted: { expired: 0, ended: 0, orphaned: 0, ...deleted },
  itemsPurged,
  uploadsAborted,
});

function track(clients: SweepClients): SweepClients {
  cleanups.push(async () => {
    clients.s3.destroy();
    clients.dynamo.destroy();
  });
  return clients;
}

/** Emulators of its own on an empty data directory, so no test sees another's leftovers. */
async function freshVault() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'secretsentry-sweep-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const emulators = await startEmulators(dataDir, NAMES);
  cleanups.push(() => emulators.close());
  const clients = track(createSweepClients(emulators));
  const store = new TokenStore(clients.dynamo, NAMES.tableName);
  const vault = new Vault(clients.s3, NAMES.bucketName);
  // Real time: s3rver stamps objects with the wall clock, and orphans are judged by that stamp.
  const t0 = Date.now();
  const at = (ms: number) => new Date(t0 + ms);
  const deps: Pick<
    Deps,
    | 'store'
    | 'vault'
    | 'now'
    | 'count'
    | 'uploadSizes'
    | 'maxFileBodyBytes'
    | 'allowLoopbackWebhooks'
    | 'expiryAlarm'
    | 'log'
  > = {
    store,
    vault,
    allowLoopbackWebhooks: false,
    expiryAlarm: NO_EXPIRY_ALARM,
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    uploadSizes: UPLOAD_SIZES,
    maxFileBodyBytes: LIMITS.fileBodyBytes,
    now: () => at(0),
    count: () => {},
  };

  const target = {
    ...NAMES,
    s3Endpoint: emulators.s3Endpoint,
    dynamoEndpoint: emulators.dynamoEndpoint,
  };

  return {
    store,
    vault,
    at,
    target,
    /** A secret made the way POST /secrets makes one. */
    create: async (ttlSeconds = 3600, maxReads = 1) => {
      const created = await createSecret(deps, {
        ciphertext: jwe,
        readTokenHash: hashOf(credentials().readToken),
        ttlSeconds,
        maxReads,
      });
      return (await store.get(created.id)) as SecretRecord;
    },
    /** An item written as is, with its object: states reached by reads, revokes, guesses or time. */
    putItem: async (overrides: Partial<SecretRecord>) => {
      const item = record(credentials(), overrides);
      await vault.put(item.id, jwe);
      await clients.dynamo.send(new PutCommand({ TableName: NAMES.tableName, Item: item }));
      return item;
    },
    sweep: (now: Date, orphanGraceMs: number, clientsOverride: SweepClients = clients) =>
      sweepVault({
        ...target,
        now: () => now,
        orphanGraceMs,
        clients: clientsOverride,
      }),
    objectIds: async () => {
      const page = await clients.s3.send(
        new ListObjectsCommand({ Bucket: NAMES.bucketName, Prefix: 'secrets/' }),
      );
      expect(page.IsTruncated).toBe(false);
      return (page.Contents ?? []).map((object) => object.Key!.slice('secrets/'.length)).sort();
    },
    /** Clients whose `send` goes through `intercept` first: a fault or a delay at the AWS boundary. */
    intercepted: (
      intercept: (
        command: unknown,
        send: (command: unknown) => Promise<unknown>,
      ) => Promise<unknown>,
    ): SweepClients => {
      const wrapped = track(createSweepClients(emulators));
      for (const client of [wrapped.s3, wrapped.dynamo]) {
        const send = client.send.bind(client) as (command: unknown) => Promise<unknown>;
        client.send = ((command: unknown) => intercept(command, send)) as typeof client.send;
      }
      return wrapped;
    },
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

function collectingLog() {
  const lines = { info: [] as string[], warn: [] as string[] };
  return {
    lines,
    log: {
      info: (line: string) => lines.info.push(line),
      warn: (line: string) => lines.warn.push(line),
    },
  };
}

describe('the local vault sweeper', () => {
  it('keeps the ciphertext of a secret that can still be read, even with no orphan grace', async () => {
    const v = await freshVault();
    const secret = await v.create(3600);

    expect(await v.sweep(v.at(MINUTE), 0)).toEqual(counts());

    expect(await v.objectIds()).toEqual([secret.id]);
    expect(await v.store.get(secret.id)).toBeDefined();
  });

  it("deletes an expired secret's ciphertext at expiresAt and keeps its item until purgeAt", async () => {
    const v = await freshVault();
    const secret = await v.create(60);

    expect(await v.sweep(new Date(secret.expiresAt), GRACE)).toEqual(counts({ expired: 1 }));

    expect(await v.objectIds()).toEqual([]);
    expect(await v.store.get(secret.id)).toEqual(secret);
  });

  it.each<[string, Partial<SecretRecord>]>([
    ['read to the last read', { maxReads: 2, remainingReads: 0 }],
    ['marked burned', { state: 'burned', endedAt: new Date().toISOString() }],
    ['revoked', { state: 'revoked', endedAt: new Date().toISOString() }],
    ['destroyed by wrong passphrases', { failedAttempts: 5 }],
  ])('deletes the ciphertext of a secret %s, before it expires', async (_, state) => {
    const v = await freshVault();
    const ended = await v.putItem(state);
    const active = await v.create(3600);

    expect(await v.sweep(v.at(MINUTE), GRACE)).toEqual(counts({ ended: 1 }));

    expect(await v.objectIds()).toEqual([active.id]);
    expect(await v.store.get(ended.id)).toEqual(ended);
  });

  it('deletes an object without an item when the orphan grace is 0', async () => {
    const v = await freshVault();
    await v.vault.put('orphan-of-a-crashed-create', jwe);

    expect(await v.sweep(new Date(), 0)).toEqual(counts({ orphaned: 1 }));

    expect(await v.objectIds()).toEqual([]);
  });

  it('keeps an object without an item while it is younger than the grace, then deletes it', async () => {
    const v = await freshVault();
    await v.vault.put('create-in-flight', jwe);
    const now = Date.now();

    expect(await v.sweep(new Date(now), GRACE)).toEqual(counts());
    expect(await v.objectIds()).toEqual(['create-in-flight']);

    expect(await v.sweep(new Date(now + GRACE + 1000), GRACE)).toEqual(counts({ orphaned: 1 }));
    expect(await v.objectIds()).toEqual([]);
  });

  it('keeps the item of an expired secret until purgeAt, then deletes it as TTL would', async () => {
    const v = await freshVault();
    const secret = await v.create(60);
    const purgeAt = new Date(secret.purgeAt * 1000);

    expect(await v.sweep(new Date(purgeAt.getTime() - 1000), GRACE)).toEqual(
      counts({ expired: 1 }),
    );
    expect(await v.store.get(secret.id)).toBeDefined();

    expect(await v.sweep(purgeAt, GRACE)).toEqual(counts({}, 1));
    expect(await v.store.get(secret.id)).toBeUndefined();
  });

  it('deletes a purged item and its object in the same sweep', async () => {
    const v = await freshVault();
    const secret = await v.create(60);

    expect(await v.sweep(new Date(secret.purgeAt * 1000), GRACE)).toEqual(
      counts({ expired: 1 }, 1),
    );

    expect(await v.objectIds()).toEqual([]);
    expect(await v.store.get(secret.id)).toBeUndefined();
  });

  it('aborts the multipart upload of a file purged unsealed, as the lifecycle rule would', async () => {
    const v = await freshVault();
    const pending = record(credentials(), {
      state: 'pending',
      kind: 'file',
      bodyBytes: 12 * 1024 ** 2,
      objectVersion: undefined,
      purgeAt: Math.ceil(v.at(0).getTime() / 1000) + 3600,
    });
    const uploadId = await v.vault.startMultipart(pending.id);
    await v.putItem({ ...pending, uploadId });
    const deadline = new Date(pending.purgeAt * 1000);

    // Before its seal deadline the upload is the sender's.
    expect(await v.sweep(new Date(deadline.getTime() - 1000), GRACE)).toEqual(counts());

    expect(await v.sweep(deadline, GRACE)).toEqual(counts({ ended: 1 }, 1, 1));
    expect(await v.vault.abortMultipart(pending.id, uploadId)).toBe(false);
    expect(await v.store.get(pending.id)).toBeUndefined();
  });

  it("keeps a file's body after its last read until the delayed deletion is due", async () => {
    const v = await freshVault();
    const readAt = v.at(0);
    const burned = await v.putItem({
      kind: 'file',
      remainingReads: 0,
      reads: [{ at: readAt.toISOString() }],
    });
    const due = readAt.getTime() + BODY_DELETE_DELAY_SECONDS * 1000;

    expect(await v.sweep(new Date(due - 1000), 0)).toEqual(counts());
    expect(await v.objectIds()).toEqual([burned.id]);

    expect(await v.sweep(new Date(due), 0)).toEqual(counts({ ended: 1 }));
    expect(await v.objectIds()).toEqual([]);
  });

  it('deletes nothing on a second sweep', async () => {
    const v = await freshVault();
    const active = await v.create(3 * 86_400);
    await v.create(60);
    await v.putItem({ state: 'revoked' });
    await v.vault.put('orphan', jwe);
    const purged = await v.putItem({ expiresAt: Date.now() - 8 * 86_400_000, purgeAt: 1 });
    const now = v.at(2 * MINUTE);

    expect(await v.sweep(now, 0)).toEqual(counts({ expired: 2, ended: 1, orphaned: 1 }, 1));
    expect(await v.sweep(now, 0)).toEqual(counts());

    expect(await v.objectIds()).toEqual([active.id]);
    expect(await v.store.get(purged.id)).toBeUndefined();
  });

  it('sweeps every page of the listing and every BatchGetItem chunk: 150 secrets', async () => {
    const v = await freshVault();
    const kept: string[] = [];
    for (let i = 0; i < 150; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: 10 }, (_, j) => v.create((i + j) % 2 === 0 ? 60 : 3600)),
      );
      kept.push(...batch.filter((s) => s.expiresAt > v.at(MINUTE).getTime()).map((s) => s.id));
    }
    // 120 keys a page: pages of 120 and 30, and the first page spans two chunks of at most 100.
    const calls = { list: 0, batchGet: 0 };
    const clients = v.intercepted((command, send) => {
      if (command instanceof ListObjectsCommand) {
        calls.list += 1;
        command.input.MaxKeys = 120;
      }
      if (command instanceof BatchGetCommand) calls.batchGet += 1;
      return send(command);
    });

    expect(await v.sweep(v.at(MINUTE), GRACE, clients)).toEqual(counts({ expired: 75 }));

    expect(calls).toEqual({ list: 2, batchGet: 3 });
    expect(await v.objectIds()).toEqual(kept.sort());
  });

  it('reads again the keys BatchGetItem leaves unprocessed, and never takes them for orphans', async () => {
    const v = await freshVault();
    const secrets = await Promise.all([1, 2, 3, 4].map(() => v.create(3600)));
    let batchGets = 0;
    const clients = v.intercepted(async (command, send) => {
      if (!(command instanceof BatchGetCommand) || ++batchGets > 1) return send(command);
      // DynamoDB under load: answers for half the keys, hands the rest back.
      const [table, request] = Object.entries(command.input.RequestItems!)[0]!;
      const keys = request.Keys!;
      const half = keys.slice(0, 2);
      const out = (await send(
        new BatchGetCommand({ RequestItems: { [table]: { ...request, Keys: half } } }),
      )) as { Responses?: Record<string, unknown[]> };
      return {
        ...out,
        UnprocessedKeys: { [table]: { ...request, Keys: keys.slice(2) } },
      };
    });

    expect(await v.sweep(v.at(MINUTE), 0, clients)).toEqual(counts());

    expect(batchGets).toBe(2);
    expect(await v.objectIds()).toEqual(secrets.map((s) => s.id).sort());
  });
});

describe('the periodic sweeper', () => {
  const options = (v: Awaited<ReturnType<typeof freshVault>>, now: Date): SweepOptions => ({
    ...v.target,
    now: () => now,
    orphanGraceMs: GRACE,
  });

  it('sweeps every interval and logs one line of counts, without ids', async () => {
    const v = await freshVault();
    const secret = await v.create(60);
    const { lines, log } = collectingLog();

    const sweeper = startSweeper({ ...options(v, v.at(2 * MINUTE)), intervalMs: 20, log });
    await until(() => lines.info.length > 0);
    await sleep(100);
    await sweeper.stop();

    expect(lines).toEqual({
      info: [
        'vault sweep: deleted 1 objects (1 expired, 0 ended, 0 orphaned), purged 0 items, aborted 0 uploads',
      ],
      warn: [],
    });
    expect(lines.info[0]).not.toContain(secret.id);
    expect(await v.objectIds()).toEqual([]);
  });

  it('never starts a sweep while one is running, and stop waits for the one in flight', async () => {
    const v = await freshVault();
    await v.create(3600);
    let running = 0;
    let most = 0;
    let ended = 0;
    const clients = v.intercepted(async (command, send) => {
      if (!(command instanceof ListObjectsCommand)) return send(command);
      running += 1;
      most = Math.max(most, running);
      await sleep(80);
      running -= 1;
      ended += 1;
      return send(command);
    });
    const { lines, log } = collectingLog();

    const sweeper = startSweeper({ ...options(v, v.at(MINUTE)), clients, intervalMs: 5, log });
    await until(() => ended >= 3 && running === 1);
    await sweeper.stop();
    const atStop = { running, ended };
    await sleep(100);

    expect(most).toBe(1);
    expect(atStop.running).toBe(0);
    expect(ended).toBe(atStop.ended);
    expect(lines).toEqual({ info: [], warn: [] });
  });

  it('logs a failed sweep as one line with no message text, and keeps sweeping', async () => {
    const v = await freshVault();
    const { lines, log } = collectingLog();

    const sweeper = startSweeper({
      ...options(v, v.at(MINUTE)),
      bucketName: 'no-such-vault',
      intervalMs: 10,
      log,
    });
    await until(() => lines.warn.length >= 2);
    await sweeper.stop();

    expect(new Set(lines.warn)).toEqual(new Set(['vault sweep failed: NoSuchBucket']));
    expect(lines.info).toEqual([]);
  });

  it('refuses an interval setTimeout cannot keep', () => {
    const { log } = collectingLog();
    const unused = { s3Endpoint: 'http://127.0.0.1:9', dynamoEndpoint: 'http://127.0.0.1:9' };

    for (const intervalMs of [0, 1.5, 2 ** 31, Number.NaN]) {
      expect(() =>
        startSweeper({
          ...NAMES,
          ...unused,
          now: () => new Date(),
          orphanGraceMs: 0,
          intervalMs,
          log,
        }),
      ).toThrow(RangeError);
    }
  });

  it('logs nothing after a start-up sweep with nothing to delete', async () => {
    const v = await freshVault();
    await v.create(3600);
    const { lines, log } = collectingLog();

    expect(await sweepAndLog({ ...options(v, v.at(MINUTE)), orphanGraceMs: 0, log })).toEqual(
      counts(),
    );

    expect(lines).toEqual({ info: [], warn: [] });
  });

  it('describes a sweep in one line of counts', () => {
    expect(describeSweep(counts({ expired: 1, ended: 2, orphaned: 3 }, 4, 5))).toBe(
      'vault sweep: deleted 6 objects (1 expired, 2 ended, 3 orphaned), purged 4 items, aborted 5 uploads',
    );
  });
});
