// reaper: deletes a read file's body once its delay is over, the exact version its read scheduled
// (lambdas/common/deletions.ts). Deleting a version already gone succeeds, so a message delivered
// twice, or a body revoked in between, costs nothing.
import { deletionId, parseDeletion, type ScheduledDeletion } from '../common/deletions.ts';
import type { Deps } from '../common/deps.ts';
import type { Vault } from '../common/vault.ts';

interface ReapDeps {
  readonly vault: Pick<Vault, 'delete'>;
  readonly log: Pick<Deps['log'], 'warn'>;
}

/** A message that is not a body deletion: never retried into anything else, left for the DLQ. */
export class NotADeletionError extends Error {
  constructor() {
    super('the message is not a body deletion');
    this.name = 'NotADeletionError';
  }
}

/** Deletes the one version named; throws when S3 refuses or fails. */
export async function reapBody(
  deps: Pick<ReapDeps, 'vault'>,
  deletion: ScheduledDeletion,
): Promise<void> {
  const id = deletionId(deletion);
  if (id === undefined) throw new NotADeletionError();
  await deps.vault.delete(id, deletion.versionId);
}

export interface QueuedMessage {
  readonly messageId: string;
  readonly body: string;
}

/**
 * Works through a batch; answers the ids of the messages not done, which the queue delivers again
 * and, after its last try, moves to the dead-letter queue (alarmed). Logs the secret's id and the
 * failure's name only: a version id is not secret, but S3's messages can quote a request.
 */
export async function reapMessages(
  deps: ReapDeps,
  messages: readonly QueuedMessage[],
): Promise<string[]> {
  const results = await Promise.allSettled(
    messages.map(async (message) => {
      const deletion = parseDeletion(message.body);
      if (!deletion) throw new NotADeletionError();
      await reapBody(deps, deletion);
    }),
  );
  const failed: string[] = [];
  results.forEach((result, i) => {
    const message = messages[i];
    if (result.status === 'fulfilled' || !message) return;
    const deletion = parseDeletion(message.body);
    deps.log.warn('could not delete a read file body; its message will be tried again', {
      ...(deletion ? { id: deletionId(deletion) } : { messageId: message.messageId }),
      failure: result.reason instanceof Error ? result.reason.name : typeof result.reason,
    });
    failed.push(message.messageId);
  });
  return failed;
}
