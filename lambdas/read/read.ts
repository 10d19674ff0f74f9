// read: the one operation that consumes. Fetch and check the ciphertext first (a failure costs the
// recipient nothing), then one conditional update that counts this request once, then delete the
// exact version after the last read. A file is never fetched: the same count, then its manifest and a
// URL for the exact version sealed; its last read schedules the deletion of that version for later.
import type { Deps } from '../common/deps.ts';
import { loadOpenForRecipient } from '../common/access.ts';
import { destroyObject, scheduleBodyDeletion } from '../common/destroy.ts';
import { randomBase64url } from '../common/encoding.ts';
import { NotFoundError, UnavailableError } from '../common/errors.ts';
import { checkVerifier } from '../common/verifier.ts';
import type { FileReadResult, ReadResult } from '../../core/contract.ts';
import { jweProblem, requestJweKeyId, requestJweProblem } from '../../core/jwe.ts';
import { LIMITS } from '../../core/limits.ts';
import { isReadable, kindOf, type ReadOutcome, type SecretRecord } from '../common/lifecycle.ts';
import { notifyWebhook } from '../common/webhook-events.ts';
import { VaultAccessDeniedError, type StoredCiphertext } from '../common/vault.ts';

type ReadDeps = Pick<Deps, 'store' | 'vault' | 'deletions' | 'webhooks' | 'now' | 'count' | 'log'>;

export async function readSecret(
  deps: ReadDeps,
  input: { id: string; readToken: string | undefined; verifier: string | undefined },
): Promise<ReadResult> {
  const record = await loadOpenForRecipient(deps, input.id, input.readToken);
  // Names this request in the item, so a retried write of it is recognised and never counted twice.
  const requestId = randomBase64url(16);
  // A file's right guess fetches nothing (its body never passes through here), so neither does a wrong one.
  const alongside = kindOf(record) === 'text' ? () => deps.vault.get(record.id) : undefined;
  await checkVerifier(deps, record, { verifier: input.verifier, requestId, alongside });
  if (kindOf(record) === 'file') return readFile(deps, record, requestId);
  const stored = await fetchIntact(deps, record);
  const taken = await deps.store.consumeRead(record.id, requestId, deps.now(), record.recipient);
  if (taken.outcome === 'refused') throw new NotFoundError();
  deps.count('SecretRead');
  // The ciphertext goes with the secret's last open link, not before: other recipients still read it.
  if (taken.ended) {
    deps.count('SecretBurned');
    await destroyObject(deps, record.id, stored.versionId ?? record.objectVersion);
  }
  await notifyRead(deps, record, taken);
  return {
    ciphertext: stored.ciphertext,
    remainingReads: taken.outcome === 'burned' ? 0 : taken.remainingReads,
    expiresAt: new Date(record.expiresAt).toISOString(),
  };
}

/**
 * A file's read: the URL is minted first (a failure costs the recipient nothing), then the same count
 * as a text's. The last read does not delete the body at once, which would cut off the download the
 * URL is for: it schedules the deletion of that exact version for once the URL has expired (the
 * vault's lifecycle rules are the backstop).
 */
async function readFile(
  deps: ReadDeps,
  record: SecretRecord,
  requestId: string,
): Promise<FileReadResult> {
  const seconds = LIMITS.downloadUrlSeconds;
  const urlExpiresAt = new Date(deps.now().getTime() + seconds * 1000).toISOString();
  const url = await deps.vault.presignGet(record.id, record.objectVersion, seconds);
  const taken = await deps.store.consumeRead(record.id, requestId, deps.now(), record.recipient);
  if (taken.outcome === 'refused') throw new NotFoundError();
  deps.count('SecretRead');
  if (taken.ended) {
    deps.count('SecretBurned');
    await scheduleBodyDeletion(deps, record.id, record.objectVersion);
  }
  await notifyRead(deps, record, taken);
  return {
    manifest: record.manifest ?? '',
    download: { url, expiresAt: urlExpiresAt },
    bodyBytes: record.bodyBytes ?? 0,
    remainingReads: taken.outcome === 'burned' ? 0 : taken.remainingReads,
    expiresAt: new Date(record.expiresAt).toISOString(),
  };
}

/**
 * The sender's webhook hears of the read (of which link, when there are several), and of the burn when
 * it ended the secret.
 */
function notifyRead(deps: ReadDeps, record: SecretRecord, taken: ReadOutcome) {
  const left = taken.outcome === 'burned' ? 0 : taken.remainingReads;
  return notifyWebhook(
    deps,
    record,
    taken.ended ? ['secret.read', 'secret.burned'] : ['secret.read'],
    left,
  );
}

/**
 * The stored ciphertext, checked before anything is consumed: gone answers 404; empty or not a JWE
 * of the accepted shape (a torn or damaged object) answers 503, so no read is spent on it.
 */
async function fetchIntact(deps: ReadDeps, record: SecretRecord): Promise<StoredCiphertext> {
  const stored = await fetchObject(deps, record.id);
  if (!stored) throw new NotFoundError();
  if (storedProblem(record, stored.ciphertext) !== undefined) {
    deps.count('VaultObjectDamaged');
    deps.log.error('stored ciphertext is damaged; nothing was consumed', {
      id: record.id,
      length: stored.ciphertext.length,
    });
    throw new UnavailableError();
  }
  return stored;
}

/** Why a stored ciphertext is not what this secret holds: a request's is a fill to its own key. */
function storedProblem(record: SecretRecord, ciphertext: string): string | undefined {
  if (kindOf(record) !== 'request') return jweProblem(ciphertext);
  return (
    requestJweProblem(ciphertext) ??
    (requestJweKeyId(ciphertext) === record.keyId ? undefined : 'is encrypted to another key')
  );
}

/**
 * The stored object, or undefined when it is gone. In AWS a deleted key answers 403 AccessDenied, not
 * NoSuchKey (the Lambdas may not list the bucket), exactly as a missing s3:GetObject or kms:Decrypt
 * does. The object is written before the item and deleted only after the item says the secret ended
 * (burned, destroyed, revoked; the lifecycle rule acts only after expiry), so a consistent
 * re-read of the item tells the two apart. Ended: a reader, a wrong guess or the sender won the race
 * and the object is gone. Still readable: S3 refuses a live object, a misconfiguration that must
 * not pass for a used-up secret, so it answers 503 and feeds the 5xx alarm.
 */
async function fetchObject(deps: ReadDeps, id: string): Promise<StoredCiphertext | undefined> {
  try {
    return await deps.vault.get(id);
  } catch (error) {
    if (!(error instanceof VaultAccessDeniedError)) throw error;
    const current = await deps.store.get(id);
    if (!current || !isReadable(current, deps.now())) return undefined;
    deps.count('VaultAccessDenied');
    const { awsRequestId } = error;
    deps.log.error('S3 denies a live secret its object; check s3:GetObject and kms:Decrypt', {
      id,
      awsRequestId,
    });
    throw new UnavailableError();
  }
}
