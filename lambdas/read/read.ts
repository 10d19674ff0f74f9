// read: the one operation that consumes. Fetch and check the ciphertext first (a failure costs the
// recipient nothing), then one conditional update that counts this request once, then delete the
// exact version after the last read.
import type { Deps } from '../shared/deps.ts';
import { loadForRecipient } from '../shared/access.ts';
import { destroyObject } from '../shared/destroy.ts';
import { matchesHash, randomBase64url } from '../shared/encoding.ts';
import { NotFoundError, UnauthorizedError, UnavailableError } from '../shared/errors.ts';
import { jweProblem } from '../shared/jwe.ts';
import { LIMITS } from '../shared/limits.ts';
import type { SecretRecord } from '../shared/lifecycle.ts';
import type { StoredCiphertext } from '../shared/vault.ts';

export interface ReadResult {
  readonly ciphertext: string;
  readonly remainingReads: number;
  readonly expiresAt: string;
}

type ReadDeps = Pick<Deps, 'store' | 'vault' | 'now' | 'count' | 'log'>;

export async function readSecret(
  deps: ReadDeps,
  input: { id: string; readToken: string | undefined; verifier: string | undefined },
): Promise<ReadResult> {
  const record = await loadForRecipient(deps, input.id, input.readToken);
  if (record.passphrase && input.verifier === undefined) {
    throw new UnauthorizedError('This secret is protected by a passphrase; send its verifier.');
  }
  const stored = await fetchIntact(deps, record);
  // Names this request in the item, so a retried write of it is recognised and never counted twice.
  const requestId = randomBase64url(16);

  // A wrong verifier costs the same calls as a right one (object, then one conditional write), and
  // either write succeeds only while fewer than the limit of wrong ones are counted: a right guess
  // inside a burst of wrong ones wins only if its write lands before the limit is reached, and a
  // refused guess, right or wrong, answers the same 404.
  if (record.passphrase && !matchesHash(input.verifier, record.passphrase.verifierHash)) {
    return rejectWrongVerifier(deps, record, stored, requestId);
  }
  const change = await deps.store.consumeRead(record.id, requestId, deps.now());
  if (change.outcome === 'refused') throw new NotFoundError();
  const { after } = change;
  deps.count('SecretRead');
  if (after.remainingReads < 1) {
    deps.count('SecretBurned');
    await destroyObject(deps, record.id, stored.versionId ?? record.objectVersion);
  }
  return {
    ciphertext: stored.ciphertext,
    remainingReads: after.remainingReads,
    expiresAt: new Date(record.expiresAt).toISOString(),
  };
}

/**
 * The stored ciphertext, checked before anything is consumed: gone answers 404; empty or not a JWE
 * of the accepted shape (a torn or damaged object) answers 503, so no read is spent on it.
 */
async function fetchIntact(deps: ReadDeps, record: SecretRecord): Promise<StoredCiphertext> {
  const stored = await deps.vault.get(record.id);
  if (!stored) throw new NotFoundError();
  if (jweProblem(stored.ciphertext) !== undefined) {
    deps.count('VaultObjectDamaged');
    deps.log.error('stored ciphertext is damaged; nothing was consumed', {
      id: record.id,
      length: stored.ciphertext.length,
    });
    throw new UnavailableError();
  }
  return stored;
}

/** Counts a wrong verifier once; the one that reaches the limit destroys the secret. Always throws. */
async function rejectWrongVerifier(
  deps: ReadDeps,
  record: SecretRecord,
  stored: StoredCiphertext,
  requestId: string,
): Promise<never> {
  const change = await deps.store.recordWrongVerifier(record.id, requestId, deps.now());
  if (change.outcome === 'refused') throw new NotFoundError();
  const { failedAttempts } = change.after;
  if (failedAttempts >= LIMITS.maxFailedAttempts) {
    deps.count('SecretDestroyed');
    await destroyObject(deps, record.id, stored.versionId ?? record.objectVersion);
    throw new UnauthorizedError(
      `Wrong passphrase. After ${LIMITS.maxFailedAttempts} wrong attempts the secret has been destroyed.`,
    );
  }
  deps.count('PassphraseRejected');
  const left = LIMITS.maxFailedAttempts - failedAttempts;
  throw new UnauthorizedError(
    `Wrong passphrase. ${left} more wrong ${left === 1 ? 'attempt destroys' : 'attempts destroy'} the secret.`,
  );
}
