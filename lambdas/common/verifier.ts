// The passphrase check every recipient call that takes a verifier shares (read, destroy): a wrong
// verifier is counted the same way whichever route it came by, so no route is a way around the limit.
import type { Deps } from './deps.ts';
import { destroyObject } from './destroy.ts';
import { matchesHash } from './encoding.ts';
import { LockedError, NotFoundError, UnauthorizedError, WrongPassphraseError } from './errors.ts';
import type { SecretRecord } from './lifecycle.ts';
import { notifyWebhook } from './webhook-events.ts';

/**
 * Returns when the secret needs no passphrase or `verifier` is right. Throws 401 `unauthorized` when
 * it needs one and none came (nothing counted). A wrong one is counted once, at once, and answered
 * 401 `wrong_passphrase` with the attempts left; the one that reaches the limit destroys the secret
 * and answers 401 `locked`; a refused count answers 404. Counted before anything else, so that in a
 * burst of guesses the wrong ones land before a right one; a right verifier is honoured only while
 * fewer than the limit are counted. `alongside` is what a right verifier would have cost before its
 * own write (read's object fetch): done all the same after the count, so that a refused right guess and
 * a refused wrong one cost the same calls and answer the same 404.
 */
export async function checkVerifier(
  deps: Pick<Deps, 'store' | 'vault' | 'webhooks' | 'now' | 'count' | 'log'>,
  record: SecretRecord,
  request: {
    readonly verifier: string | undefined;
    readonly requestId: string;
    readonly alongside?: () => Promise<unknown>;
  },
): Promise<void> {
  if (!record.passphrase) return;
  if (request.verifier === undefined) {
    throw new UnauthorizedError('This secret is protected by a passphrase; send its verifier.');
  }
  if (matchesHash(request.verifier, record.passphrase.verifierHash)) return;
  const counted = await deps.store
    .recordWrongVerifier(record.id, request.requestId, deps.now(), record.recipient)
    .finally(() => request.alongside?.().catch(() => undefined));
  if (counted.outcome === 'refused') throw new NotFoundError();
  if (counted.outcome === 'destroyed') {
    deps.count('SecretDestroyed');
    // This link is locked; the ciphertext goes when no other recipient's link is open.
    if (counted.ended) await destroyObject(deps, record.id, record.objectVersion);
    await notifyWebhook(deps, record, ['secret.locked'], record.remainingReads);
    // Its own code, so the caller learns now, not on its next try, that nothing is left to guess.
    throw new LockedError();
  }
  deps.count('PassphraseRejected');
  throw new WrongPassphraseError(counted.attemptsLeft);
}
