// revoke: the sender ends the secret at once with the manage token. Idempotent while the tombstone lives.
import type { Deps } from '../common/deps.ts';
import { loadForSender } from '../common/access.ts';
import { destroyObject } from '../common/destroy.ts';
import { isSealed, kindOf, receiptState, remainingReadsOf } from '../common/lifecycle.ts';
import { notifyWebhook } from '../common/webhook-events.ts';

export async function revokeSecret(
  deps: Pick<Deps, 'store' | 'vault' | 'webhooks' | 'now' | 'count' | 'log'>,
  input: { id: string; manageToken: string | undefined },
): Promise<void> {
  const record = await loadForSender(deps, input.id, input.manageToken);
  const now = deps.now();
  // Only a live secret (or a request not filled yet, which withdraws it) is revoked: a burned or
  // expired one keeps that state in the receipt. A lost
  // race means a reader burned it, it expired, or another revoke won: ended either way.
  const state = receiptState(record, now);
  if (
    (state === 'active' || state === 'pending' || state === 'awaiting') &&
    (await deps.store.revoke(record.id, now)) === 'revoked'
  ) {
    deps.count('SecretRevoked');
    await notifyWebhook(deps, record, ['secret.revoked'], remainingReadsOf(record));
  }
  // A file never sealed has no recorded version to delete (and may still be uploading): its upload
  // is left to the vault's lifecycle rules, which the ended item no longer protects.
  if (kindOf(record) === 'file' && !isSealed(record)) return;
  // Also for an already-ended secret: repeats a delete that may have failed before; harmless if done.
  await destroyObject(deps, record.id, record.objectVersion);
}
