import type { Deps } from './deps.ts';
import { bodyDeletion } from './deletions.ts';

/** Deletes the ciphertext's exact version. The item already says the secret is gone, so a failure
 *  here cannot make it readable again; the vault's lifecycle rule removes what is left. */
export async function destroyObject(
  deps: Pick<Deps, 'vault' | 'count' | 'log'>,
  id: string,
  versionId: string | undefined,
): Promise<void> {
  try {
    await deps.vault.delete(id, versionId);
  } catch (error) {
    deps.count('VaultDeleteFailed');
    deps.log.warn('could not delete the ciphertext; lifecycle rule will', {
      id,
      failure: error instanceof Error ? error.name : typeof error,
    });
  }
}

/**
 * Schedules the deletion of a file's body after its last read (docs/design.md §3). The read is counted
 * and answered whatever happens here: a failure is logged and counted as a failed delete (alarmed),
 * and the vault's lifecycle rule removes the body within days.
 */
export async function scheduleBodyDeletion(
  deps: Pick<Deps, 'deletions' | 'count' | 'log'>,
  id: string,
  versionId: string | undefined,
): Promise<void> {
  try {
    await deps.deletions.schedule(bodyDeletion(id, versionId));
  } catch (error) {
    deps.count('VaultDeleteFailed');
    deps.log.warn('could not schedule the body deletion; lifecycle rule will', {
      id,
      failure: error instanceof Error ? error.name : typeof error,
    });
  }
}
