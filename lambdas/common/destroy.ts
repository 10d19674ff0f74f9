import type { Deps } from './deps.ts';

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
