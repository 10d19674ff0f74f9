// revoke: the sender ends the secret at once with the manage token. Idempotent while the tombstone lives.
import type { Deps } from '../shared/deps.ts';
import { matchesHash } from '../shared/encoding.ts';
import { NotFoundError } from '../shared/errors.ts';
import { isPurged } from '../shared/lifecycle.ts';
import { destroyObject } from '../shared/destroy.ts';

export async function revokeSecret(
  deps: Pick<Deps, 'store' | 'vault' | 'now' | 'count' | 'log'>,
  input: { id: string; manageToken: string | undefined },
): Promise<void> {
  const record = await deps.store.get(input.id);
  if (!record || !matchesHash(input.manageToken, record.manageTokenHash)) {
    if (record) deps.count('AccessDenied');
    throw new NotFoundError();
  }
  const now = deps.now();
  if (isPurged(record, now)) throw new NotFoundError();
  // A lost race means a reader burned it or another revoke won: ended either way.
  if (record.state === 'active' && (await deps.store.revoke(record, now)) === 'done') {
    deps.count('SecretRevoked');
  }
  // Also for an already-ended secret: repeats a delete that may have failed before; harmless if done.
  await destroyObject(deps, record.id, record.objectVersion);
}
