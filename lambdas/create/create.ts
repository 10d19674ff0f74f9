// create: store the ciphertext, then the token item. Two AWS calls, nothing else.
import { randomBase64url, hashToken } from '../common/encoding.ts';
import type { Deps } from '../common/deps.ts';
import { LIMITS } from '../../core/limits.ts';
import type { SecretRecord } from '../common/lifecycle.ts';
import type { Created, CreateRequest } from '../../core/contract.ts';

export async function createSecret(
  deps: Pick<Deps, 'store' | 'vault' | 'now' | 'count'>,
  input: CreateRequest,
): Promise<Created> {
  const now = deps.now();
  const id = randomBase64url(16);
  const manageToken = randomBase64url(32);
  const maxReads = input.maxReads ?? LIMITS.maxReads.default;
  const expiresAt = now.getTime() + (input.ttlSeconds ?? LIMITS.ttlSeconds.default) * 1000;

  const objectVersion = await deps.vault.put(id, input.ciphertext);
  const record: SecretRecord = {
    id,
    state: 'active',
    maxReads,
    remainingReads: maxReads,
    createdAt: now.toISOString(),
    expiresAt,
    purgeAt: Math.ceil(expiresAt / 1000) + LIMITS.receiptRetentionSeconds,
    readTokenHash: input.readTokenHash,
    manageTokenHash: hashToken(Buffer.from(manageToken, 'base64url')),
    failedAttempts: 0,
    reads: [],
    ...(input.passphrase ? { passphrase: input.passphrase } : {}),
    ...(objectVersion ? { objectVersion } : {}),
  };
  // If this write fails the orphaned object is unreachable (no item, no token) and the
  // vault's lifecycle rule removes it; the caller gets a 503 and can simply retry.
  await deps.store.create(record);
  deps.count('SecretCreated');
  return { id, expiresAt: new Date(expiresAt).toISOString(), maxReads, manageToken };
}
