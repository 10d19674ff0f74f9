// revoke one link: the sender ends one recipient's link of a secret with several, with the manage
// token; the other links keep working. When it was the last link open, the ciphertext goes too.
import type { Deps } from '../common/deps.ts';
import { loadForSender } from '../common/access.ts';
import { destroyObject } from '../common/destroy.ts';
import { NotFoundError } from '../common/errors.ts';
import { isSealed, kindOf, linkOf, receiptState } from '../common/lifecycle.ts';
import { notifyWebhook } from '../common/webhook-events.ts';

export async function revokeRecipient(
  deps: Pick<Deps, 'store' | 'vault' | 'webhooks' | 'now' | 'count' | 'log'>,
  input: { id: string; manageToken: string | undefined; index: number },
): Promise<void> {
  const record = await loadForSender(deps, input.id, input.manageToken);
  const key = Object.entries(record.recipients ?? {}).find(([, r]) => r.index === input.index)?.[0];
  const link = key === undefined ? undefined : linkOf(record, key);
  // A secret with one link has no recipient to name; a number past its links names none.
  if (key === undefined || !link) throw new NotFoundError();
  const now = deps.now();
  // Only a live link is revoked: one burned, locked, destroyed or expired keeps that state. Like
  // revoke, a repeat (or a lost race) answers 204 all the same.
  if (receiptState(link, now) !== 'active') return;
  const done = await deps.store.revokeRecipient(record.id, key, now);
  if (done.outcome === 'refused') return;
  deps.count('SecretRevoked');
  await notifyWebhook(deps, link, ['secret.revoked'], link.remainingReads);
  // The last link open: nobody may read the ciphertext any more. A pending file has no version yet.
  if (done.ended && !(kindOf(record) === 'file' && !isSealed(record)))
    await destroyObject(deps, record.id, record.objectVersion);
}
