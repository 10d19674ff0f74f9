// Kills the local stack with SIGKILL while creates and reads are in flight, restarts it on the same
// DATA_DIR, and checks what a user relies on: it starts, no secret answered 201 is lost, no read is
// counted twice, and no burned or orphaned ciphertext stays on disk.
import { describe, expect, it } from '@jest/globals';
import { randomBytes, randomInt } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localDynamoClient, startEmulators } from '../../local/emulators.ts';
import { holdsCiphertext } from '../../lambdas/common/lifecycle.ts';
import { TokenStore } from '../../lambdas/common/tokenStore.ts';
import { ApiError, createApiClient, type ApiClient } from '../../core/api.ts';
import { open, parseKey, seal } from '../../core/envelope.ts';
import { startStack, tempDataDir, type RunningStack } from '../helpers/localStack.ts';
import { ciphertextOf } from '../helpers/fixtures.ts';

const CYCLES = 6;
const WORKERS = 6;

interface Shared {
  readonly id: string;
  readonly readToken: string;
  readonly key: string;
  readonly manageToken: string;
  readonly maxReads: number;
  readonly text: string;
  /** Reads answered 200 with the right plaintext. */
  delivered: number;
  /** Reads whose answer never came (the server died under them): counted or not, nobody knows. */
  unanswered: number;
}

const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

/** Creates and reads until the stack dies under it; records only what the API answered. */
async function load(api: ApiClient, ledger: Shared[], dead: () => boolean): Promise<void> {
  while (!dead()) {
    const readable = ledger.filter((s) => s.delivered + s.unanswered < s.maxReads);
    if (readable.length > 0 && randomInt(3) > 0) {
      const target = readable[randomInt(readable.length)]!;
      try {
        const result = await api.read(target.id, target.readToken);
        const plain = new TextDecoder().decode(
          await open(ciphertextOf(result), parseKey(target.key)),
        );
        if (plain !== target.text) throw new Error('a read returned another secret');
        target.delivered++;
      } catch (error) {
        if (isApiError(error) && error.status === 404) continue; // used up by another worker
        if (isApiError(error)) throw error;
        target.unanswered++;
      }
    } else {
      const text = `fixture: crash ${randomBytes(6).toString('hex')}`;
      const maxReads = 1 + randomInt(3);
      const sealed = await seal(text);
      try {
        const created = await api.create({
          ciphertext: sealed.ciphertext,
          readTokenHash: sealed.readTokenHash,
          maxReads,
        });
        ledger.push({
          id: created.id,
          readToken: sealed.readToken,
          key: sealed.key,
          manageToken: created.manageToken,
          maxReads,
          text,
          delivered: 0,
          unanswered: 0,
        });
      } catch (error) {
        if (isApiError(error)) throw error; // the server answered with an error: a real failure
      }
    }
  }
}

async function vaultObjects(dataDir: string): Promise<string[]> {
  const folder = path.join(dataDir, 's3', 'secretsentry-vault', 'secrets');
  const names = await readdir(folder).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('._S3rver_object')).map((n) => n.split('.')[0]!);
}

describe('SIGKILL during creates and reads', () => {
  it('restarts on the same DATA_DIR with every answered secret intact, no read counted twice, no stray ciphertext', async () => {
    const dataDir = tempDataDir();
    const ledger: Shared[] = [];
    let stack: RunningStack | undefined;

    for (let cycle = 0; cycle < CYCLES; cycle++) {
      stack = await startStack(dataDir);
      const api = createApiClient(stack.api);
      let dead = false;
      const workers = Array.from({ length: WORKERS }, () => load(api, ledger, () => dead));
      await sleep(300 + randomInt(900));
      await stack.kill();
      dead = true;
      await Promise.all(workers);
    }

    stack = await startStack(dataDir);
    try {
      expect(stack.output()).toMatch(/running at/);
      const api = createApiClient(stack.api);
      expect(ledger.length).toBeGreaterThan(20);
      expect(ledger.some((s) => s.unanswered > 0 || s.delivered > 0)).toBe(true);

      // Every answered secret is there, counted no more often than it could have been read.
      for (const s of ledger) {
        const receipt = await api.receipt(s.id, s.manageToken);
        const consumed = receipt.reads.length;
        expect(consumed).toBeGreaterThanOrEqual(s.delivered);
        expect(consumed).toBeLessThanOrEqual(s.delivered + s.unanswered);
        expect(receipt.remainingReads).toBe(s.maxReads - consumed);
        expect(receipt.state).toBe(consumed === s.maxReads ? 'burned' : 'active');
      }

      // The start-up sweep left no ciphertext of a used-up secret, and kept every live one.
      const onDisk = new Set(await vaultObjects(dataDir));
      const live = new Set<string>();
      for (const s of ledger) {
        if ((await api.receipt(s.id, s.manageToken)).state === 'active') live.add(s.id);
        expect({ id: s.id, stored: onDisk.has(s.id) }).toEqual({
          id: s.id,
          stored: live.has(s.id),
        });
      }

      // And each live one still opens to its own plaintext.
      for (const s of ledger.filter((x) => live.has(x.id))) {
        const result = await api.read(s.id, s.readToken);
        const plain = new TextDecoder().decode(await open(ciphertextOf(result), parseKey(s.key)));
        expect(plain).toBe(s.text);
      }
      await stack.stop();

      // Any other object is a create whose item was written but whose 201 the kill swallowed: a
      // live secret nobody holds a link to, which expiry ends. None is an orphan without an item.
      const strangers = [...onDisk].filter((id) => !ledger.some((s) => s.id === id));
      const emulators = await startEmulators(dataDir);
      try {
        const store = new TokenStore(
          DynamoDBDocumentClient.from(localDynamoClient(emulators.dynamoEndpoint)),
          'secretsentry-tokens',
        );
        for (const id of strangers) {
          const item = await store.get(id);
          expect({ id, holds: item !== undefined && holdsCiphertext(item, new Date()) }).toEqual({
            id,
            holds: true,
          });
        }
      } finally {
        await emulators.close();
      }
    } finally {
      await stack.stop();
    }
  }, 180_000);
});
