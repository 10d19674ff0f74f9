// read: the one operation that consumes. Fetch first (a failure costs the recipient nothing),
// then one conditional update on the exact count seen, then delete the exact version after the last read.
import type { Deps } from '../shared/deps.ts';
import { loadForRecipient } from '../shared/access.ts';
import { matchesHash } from '../shared/encoding.ts';
import { NotFoundError, UnauthorizedError, UnavailableError } from '../shared/errors.ts';
import { LIMITS } from '../shared/limits.ts';
import {
  afterRead,
  afterWrongVerifier,
  isReadable,
  type SecretRecord,
} from '../shared/lifecycle.ts';
import type { WriteOutcome } from '../shared/tokenStore.ts';
import { destroyObject } from '../shared/destroy.ts';

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
  if (record.passphrase) await checkVerifier(deps, record, input.verifier);

  const stored = await deps.vault.get(record.id);
  if (!stored) throw new NotFoundError();

  const consumed = await untilWritten(deps, record, (current) =>
    deps.store.consumeRead(current, deps.now()),
  );
  const { remainingReads, burns } = afterRead(consumed.remainingReads);
  deps.count('SecretRead');
  if (burns) {
    deps.count('SecretBurned');
    await destroyObject(deps, record.id, stored.versionId ?? record.objectVersion);
  }
  return {
    ciphertext: stored.ciphertext,
    remainingReads,
    expiresAt: new Date(record.expiresAt).toISOString(),
  };
}

/** Checks the passphrase verifier; a wrong one is counted and the fifth in a row destroys the secret. */
async function checkVerifier(
  deps: ReadDeps,
  record: SecretRecord,
  verifier: string | undefined,
): Promise<void> {
  const params = record.passphrase;
  if (!params) return;
  if (verifier === undefined) {
    throw new UnauthorizedError('This secret is protected by a passphrase; send its verifier.');
  }
  if (matchesHash(verifier, params.verifierHash)) return;

  const counted = await untilWritten(deps, record, (current) =>
    deps.store.recordWrongVerifier(current, deps.now(), LIMITS.maxFailedAttempts),
  );
  const { failedAttempts, destroys } = afterWrongVerifier(
    counted.failedAttempts,
    LIMITS.maxFailedAttempts,
  );
  if (destroys) {
    deps.count('SecretDestroyed');
    await destroyObject(deps, record.id, record.objectVersion);
    throw new UnauthorizedError(
      `Wrong passphrase. After ${LIMITS.maxFailedAttempts} wrong attempts in a row the secret has been destroyed.`,
    );
  }
  deps.count('PassphraseRejected');
  const left = LIMITS.maxFailedAttempts - failedAttempts;
  throw new UnauthorizedError(
    `Wrong passphrase. ${left} more wrong ${left === 1 ? 'attempt destroys' : 'attempts destroy'} the secret.`,
  );
}

/**
 * Runs a conditional write on the record as last seen; on a lost race re-reads and tries again while
 * the secret is still readable. Returns the record the winning write was conditioned on.
 */
async function untilWritten(
  deps: ReadDeps,
  first: SecretRecord,
  write: (current: SecretRecord) => Promise<WriteOutcome>,
): Promise<SecretRecord> {
  let current = first;
  // Each lost race means another request changed the item; reads and attempts are bounded, so is this.
  for (let attempt = 0; attempt <= LIMITS.maxReads.max + LIMITS.maxFailedAttempts; attempt++) {
    if ((await write(current)) === 'done') return current;
    const fresh = await deps.store.get(current.id);
    if (!fresh || !isReadable(fresh, deps.now())) throw new NotFoundError();
    current = fresh;
  }
  throw new UnavailableError();
}
