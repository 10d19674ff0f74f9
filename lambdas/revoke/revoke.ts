// revoke: the sender ends the secret at once with the manage token. Idempotent while the tombstone lives.
import type { Deps } from '../common/deps.ts';
import { loadForSender } from '../common/access.ts';
import { destroyObject } from '../common/destroy.ts';
import { receiptState } from '../common/lifecycle.ts';

export async function revokeSecret(
  deps: Pick<Deps, 'store' | 'vault' | 'now' | 'count' | 'log'>,
  input: { id: string; manageToken: string | undefined },
): Promise<void> {
  const record = await loadForSender(deps, input.id, input.manageToken);
  const now = deps.now();
  // Only a live secret is revoked: a burned or expired one keeps that state in the receipt. A lost
  // race means a reader burned it, it expired, or another revoke won: ended either way.
  if (
    receiptState(record, now) === 'active' &&
    (await deps.store.revoke(record.id, now)) === 'revoked'
  ) {
    deps.count('SecretRevoked');
  }
  // Also for an already-ended secret: repeats a delete that may have failed before; harmless if done.
  await destroyObject(deps, record.id, record.objectVersion);
}
