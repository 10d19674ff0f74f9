// The secret's state machine, as pure functions of the stored record and the clock.

export type StoredState = 'active' | 'burned' | 'revoked';
export type ReceiptState = StoredState | 'expired';

export interface PassphraseParams {
  readonly salt: string;
  readonly iterations: number;
  readonly verifierHash: string;
}

/** The token-table item: no secret material, only counts, times and hashes. */
export interface SecretRecord {
  readonly id: string;
  readonly state: StoredState;
  readonly maxReads: number;
  readonly remainingReads: number;
  /** ISO-8601 UTC. */
  readonly createdAt: string;
  /** Epoch milliseconds; every condition checks it, TTL deletion lags. */
  readonly expiresAt: number;
  /** Epoch seconds: the DynamoDB TTL attribute; the tombstone (and the receipt) lives until then. */
  readonly purgeAt: number;
  readonly readTokenHash: string;
  readonly manageTokenHash: string;
  readonly passphrase?: PassphraseParams;
  /** Wrong passphrase verifiers in a row. */
  readonly failedAttempts: number;
  readonly reads: readonly { readonly at: string }[];
  /** The S3 version written at create, so revoke deletes that exact version. */
  readonly objectVersion?: string;
  readonly endedAt?: string;
}

export function isExpired(record: SecretRecord, now: Date): boolean {
  return now.getTime() >= record.expiresAt;
}

/** Whether the secret can still be read: active, reads left, not expired. */
export function isReadable(record: SecretRecord, now: Date): boolean {
  return record.state === 'active' && record.remainingReads > 0 && !isExpired(record, now);
}

/** What the sender's receipt shows. Expiry is derived, never written, so it needs no scheduled job. */
export function receiptState(record: SecretRecord, now: Date): ReceiptState {
  if (record.state === 'active' && isExpired(record, now)) return 'expired';
  return record.state;
}

/** Whether the tombstone has outlived its retention and must be treated as gone (TTL may lag). */
export function isPurged(record: SecretRecord, now: Date): boolean {
  return now.getTime() >= record.purgeAt * 1000;
}

/** The change one successful read makes: the read that takes the count to 0 burns the secret. */
export function afterRead(seen: number): { remainingReads: number; burns: boolean } {
  if (seen < 1) throw new RangeError('no reads remain');
  return { remainingReads: seen - 1, burns: seen === 1 };
}

/** The change one wrong passphrase verifier makes: the fifth in a row destroys the secret. */
export function afterWrongVerifier(
  seen: number,
  maxAttempts: number,
): { failedAttempts: number; destroys: boolean } {
  const failedAttempts = seen + 1;
  return { failedAttempts, destroys: failedAttempts >= maxAttempts };
}
