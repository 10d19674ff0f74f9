// A committed write whose answer is lost is retried by the SDK: against the real dynalite, the retry
// must be recognised as this request's own change, never counted again.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  ensureResources,
  localDynamoClient,
  localS3Client,
  startEmulators,
  type Emulators,
} from '../../local/emulators.ts';
import { createSecret } from '../../lambdas/create/create.ts';
import { readSecret } from '../../lambdas/read/read.ts';
import { UPLOAD_SIZES, type Deps } from '../../lambdas/common/deps.ts';
import { NO_WEBHOOK_QUEUE } from '../../lambdas/common/webhook-events.ts';
import { NO_DELETION_QUEUE } from '../../lambdas/common/deletions.ts';
import { TokenStore } from '../../lambdas/common/tokenStore.ts';
import { Vault } from '../../lambdas/common/vault.ts';
import { derivePassphraseKeys, open, parseKey, seal } from '../../core/envelope.ts';
import { fromBase64url } from '../../core/base64url.ts';
import { LIMITS } from '../../core/limits.ts';
import { ciphertextOf } from '../helpers/fixtures.ts';
import { NO_EXPIRY_ALARM } from '../../lambdas/common/webhook-expiry.ts';

const TABLE = 'retries-tokens';
const BUCKET = 'retries-vault';

let emulators: Emulators;
let deps: Deps;
/** How many answers to UpdateItem still to drop after DynamoDB has committed the write. */
let answersToDrop = 0;
let updatesSent = 0;

beforeAll(async () => {
  emulators = await startEmulators(mkdtempSync(path.join(tmpdir(), 'secretsentry-retries-')));
  await ensureResources(emulators, { tableName: TABLE, bucketName: BUCKET });
  const base = localDynamoClient(emulators.dynamoEndpoint);
  // Below the SDK's retry step: sees every attempt, and turns a committed answer into a timeout,
  // which the SDK's standard retry strategy retries like a dropped connection.
  base.middlewareStack.add(
    (next, context) => async (args) => {
      if (!/^Update/.test(context.commandName ?? '')) return next(args);
      updatesSent++;
      const result = await next(args);
      if (answersToDrop > 0) {
        answersToDrop--;
        throw Object.assign(new Error('the answer was lost'), { name: 'TimeoutError' });
      }
      return result;
    },
    { step: 'deserialize', name: 'dropCommittedAnswer' },
  );
  const s3 = localS3Client(emulators.s3Endpoint);
  deps = {
    store: new TokenStore(
      DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } }),
      TABLE,
    ),
    vault: new Vault(s3, BUCKET),
    deletions: NO_DELETION_QUEUE,
    webhooks: NO_WEBHOOK_QUEUE,
    expiryAlarm: NO_EXPIRY_ALARM,
    allowLoopbackWebhooks: false,
    uploadSizes: UPLOAD_SIZES,
    maxFileBodyBytes: LIMITS.fileBodyBytes,
    now: () => new Date(),
    count: () => undefined,
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
  };
}, 30_000);

afterAll(async () => {
  await emulators?.close();
});

beforeEach(() => {
  answersToDrop = 0;
  updatesSent = 0;
});

async function share(text: string, options: { maxReads: number; passphrase?: string }) {
  const sealed = await seal(text, { passphrase: options.passphrase, iterations: 600_000 });
  const created = await createSecret(deps, {
    ciphertext: sealed.ciphertext,
    readTokenHash: sealed.readTokenHash,
    maxReads: options.maxReads,
    ...(sealed.passphrase ? { passphrase: sealed.passphrase } : {}),
  });
  return { sealed, id: created.id };
}

describe('a committed write whose answer is lost', () => {
  it('consumes one read, not two, and delivers the secret', async () => {
    const { sealed, id } = await share('fixture: retried read', { maxReads: 3 });
    answersToDrop = 1;

    const result = await readSecret(deps, { id, readToken: sealed.readToken, verifier: undefined });

    expect(updatesSent).toBe(2); // the first attempt committed, the SDK retried it
    expect(result.remainingReads).toBe(2);
    const text = new TextDecoder().decode(await open(ciphertextOf(result), parseKey(sealed.key)));
    expect(text).toBe('fixture: retried read');
    const item = await deps.store.get(id);
    expect(item?.remainingReads).toBe(2);
    expect(item?.reads).toHaveLength(1);
  });

  it('delivers the last read of a 1-read secret and then burns it and deletes its ciphertext', async () => {
    const { sealed, id } = await share('fixture: retried last read', { maxReads: 1 });
    answersToDrop = 1;

    const result = await readSecret(deps, { id, readToken: sealed.readToken, verifier: undefined });

    expect(result.remainingReads).toBe(0);
    expect(await deps.vault.get(id)).toBeUndefined();
  });

  it('counts a wrong passphrase once, even when every retry loses its answer too', async () => {
    const { sealed, id } = await share('fixture: retried strike', {
      maxReads: 1,
      passphrase: 'right horse',
    });
    const wrong = await derivePassphraseKeys(
      parseKey(sealed.key),
      'wrong horse',
      fromBase64url(sealed.passphrase!.salt),
      600_000,
    );
    answersToDrop = 2;

    await expect(
      readSecret(deps, { id, readToken: sealed.readToken, verifier: wrong.verifier }),
    ).rejects.toMatchObject({
      status: 401,
      message: 'Wrong passphrase. 4 more wrong attempts destroy the secret.',
    });
    expect(updatesSent).toBe(3);
    expect((await deps.store.get(id))?.failedAttempts).toBe(1);
  });
});
