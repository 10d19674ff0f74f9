// destroy: a recipient who has read a secret with reads left ends it at once, with the credentials the
// read took (read token, verifier). It ends the secret as the last read would, and takes no read.
import type { Deps } from '../common/deps.ts';
import { loadOpenForRecipient } from '../common/access.ts';
import { destroyObject, scheduleBodyDeletion } from '../common/destroy.ts';
import { randomBase64url } from '../common/encoding.ts';
import { NotFoundError } from '../common/errors.ts';
import { kindOf } from '../common/lifecycle.ts';
import { checkVerifier } from '../common/verifier.ts';
import { notifyWebhook } from '../common/webhook-events.ts';

export async function destroySecret(
  deps: Pick<Deps, 'store' | 'vault' | 'deletions' | 'webhooks' | 'now' | 'count' | 'log'>,
  input: { id: string; readToken: string | undefined; verifier: string | undefined },
): Promise<void> {
  // Only a readable secret: a gone one (a repeat included) answers 404 like an unknown id.
  const record = await loadOpenForRecipient(deps, input.id, input.readToken);
  const requestId = randomBase64url(16);
  // A wrong verifier counts towards the limit exactly as at read: destroy is no way around it.
  await checkVerifier(deps, record, { verifier: input.verifier, requestId });
  const done = await deps.store.destroy(record.id, requestId, deps.now(), record.recipient);
  if (done.outcome === 'refused') throw new NotFoundError();
  deps.count('SecretDestroyedByRecipient');
  // One of several links ends alone: the body stays while another recipient's link is open. A file's
  // body may still be downloading from the URL the read gave: deleted later, as after its last read.
  // A text's ciphertext goes at once.
  if (done.ended) {
    if (kindOf(record) === 'file')
      await scheduleBodyDeletion(deps, record.id, record.objectVersion);
    else await destroyObject(deps, record.id, record.objectVersion);
  }
  await notifyWebhook(deps, record, ['secret.destroyed'], record.remainingReads);
}
