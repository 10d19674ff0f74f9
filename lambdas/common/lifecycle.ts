// The secret's state machine, as pure functions of the stored record and the clock.
import type { PassphraseParams, ReceiptState, SecretKind } from '../../core/contract.ts';
import { LIMITS } from '../../core/limits.ts';

/**
 * `pending`: a file created but not sealed; it reads like an unknown secret until its seal.
 * `awaiting`: a secret request nobody has filled; `filling`: a fill has claimed it and is storing its
 * ciphertext (a claim that outlives `fillingUntil` was abandoned, and another fill may take it).
 * `revoked`: the sender ended it; `destroyed`: a recipient did, after a read, with reads left.
 */
export type StoredState =
  'pending' | 'awaiting' | 'filling' | 'active' | 'burned' | 'revoked' | 'destroyed';
export type { PassphraseParams, ReceiptState, SecretKind };

/**
 * One link of a secret with several recipients: its own counts, reads and end, keyed in the item by
 * its read token's hash (docs/design.md §3).
 */
export interface RecipientRecord {
  /** Its place in the create's list, from 0: how the sender names it. */
  readonly index: number;
  readonly maxReads: number;
  readonly remainingReads: number;
  readonly failedAttempts: number;
  readonly totalFailedAttempts?: number;
  readonly reads: readonly { readonly at: string }[];
  /** `revoked` by the sender, `destroyed` by its recipient; absent while the link lives. */
  readonly state?: 'revoked' | 'destroyed';
  readonly endedAt?: string;
  /** The sender's label for it, a JWE the server cannot read. */
  readonly label?: string;
}

/** The token-table item: no secret material, only counts, times and hashes. */
export interface SecretRecord {
  readonly id: string;
  /**
   * What was last written. A secret whose count reached 0, or that took the last allowed wrong
   * passphrase, is burned even while this still says `active`: see {@link currentState}.
   */
  readonly state: StoredState;
  /** Absent on items written before files existed: those are texts. */
  readonly kind?: SecretKind;
  /** A file's: the exact size its body must have (checked at seal). */
  readonly bodyBytes?: number;
  /** A file's: its manifest JWE, answered with each read. */
  readonly manifest?: string;
  /** A file's multipart upload, until seal completes it. */
  readonly uploadId?: string;
  /** When a file was sealed (ISO-8601 UTC): a repeated seal answers like the first. */
  readonly sealedAt?: string;
  readonly maxReads: number;
  readonly remainingReads: number;
  /** ISO-8601 UTC. */
  readonly createdAt: string;
  /** Epoch milliseconds; every condition checks it, TTL deletion lags. */
  readonly expiresAt: number;
  /**
   * Epoch seconds: the DynamoDB TTL attribute; the tombstone (and the receipt) lives until then. A
   * pending file's is its seal deadline, so TTL purges one never sealed.
   */
  readonly purgeAt: number;
  /** One link's read token hash; absent when the secret has `recipients` instead. */
  readonly readTokenHash?: string;
  readonly manageTokenHash: string;
  /**
   * Several links, keyed by each one's read token hash: each has its own reads, wrong passphrases and
   * end. The item's own `maxReads` and `remainingReads` are then the sums at create, never counted.
   */
  readonly recipients?: Readonly<Record<string, RecipientRecord>>;
  /** Only on a link's view (`linkOf`), never stored: which recipient it is, and its number. */
  readonly recipient?: string;
  readonly recipientIndex?: number;
  readonly passphrase?: PassphraseParams;
  /** The sender's choice that the page show the revealed secret hidden until asked; not secret. */
  readonly hidden?: true;
  /** Epoch milliseconds before which no read is taken (409 `not_yet_open`); absent: open at once. */
  readonly notBefore?: number;
  /**
   * The sender's webhook: where events are posted and the key they are signed with (answered once
   * at create). Not secret material of the secret: it proves only that a notice came from here.
   */
  readonly webhook?: { readonly url: string; readonly secret: string };
  /** Wrong passphrase verifiers since the last read: five in a row destroy the secret. */
  readonly failedAttempts: number;
  /**
   * Every wrong verifier over the secret's life, for the receipt: a read clears `failedAttempts`, never
   * this. Absent until the first wrong one (and on items written before it existed).
   */
  readonly totalFailedAttempts?: number;
  readonly reads: readonly { readonly at: string }[];
  /**
   * Ids of the requests whose read or wrong verifier this item has counted, so that an SDK retry of
   * a write that was committed but whose answer was lost is recognised instead of counted again.
   */
  readonly appliedRequests?: ReadonlySet<string>;
  /**
   * The S3 version written at create (a text) or recorded at seal (a file), so reads serve and
   * deletes remove that exact version.
   */
  readonly objectVersion?: string;
  /** When the sender revoked it or a recipient destroyed it (ISO-8601 UTC). */
  readonly endedAt?: string;
  /** A request's: SHA-256 of the fill token, which the fill link's public key derives. */
  readonly fillTokenHash?: string;
  /** A request's: the RFC 7638 thumbprint of the requester's X25519 key, a fill's JWE `kid`. */
  readonly keyId?: string;
  /** A request's: the fill that claimed it (its request id), kept once filled. */
  readonly fillId?: string;
  /** A request being filled: epoch milliseconds after which an unfinished claim counts as abandoned. */
  readonly fillingUntil?: number;
  /** When a request was filled (ISO-8601 UTC). */
  readonly filledAt?: string;
}

export const kindOf = (record: SecretRecord): SecretKind => record.kind ?? 'text';

/**
 * One recipient's link as a record of its own: the secret's fields with the link's counts, reads and
 * end over them, so that every rule for one link holds for each of several. Not stored.
 */
export function linkOf(record: SecretRecord, recipient: string): SecretRecord | undefined {
  const link = record.recipients?.[recipient];
  if (!link) return undefined;
  // A link keeps the end it had before the secret's own: revoked or destroyed alone, or used up or
  // locked by its counts (which the counts say, under `active`); else the secret's state is its.
  const spent = link.remainingReads < 1 || link.failedAttempts >= LIMITS.maxFailedAttempts;
  const state = link.state ?? (spent ? 'active' : record.state);
  return {
    ...record,
    // A link's view holds no other link.
    recipients: undefined,
    recipient,
    recipientIndex: link.index,
    readTokenHash: recipient,
    maxReads: link.maxReads,
    remainingReads: link.remainingReads,
    failedAttempts: link.failedAttempts,
    ...(link.totalFailedAttempts === undefined
      ? { totalFailedAttempts: undefined }
      : { totalFailedAttempts: link.totalFailedAttempts }),
    reads: link.reads,
    state,
    ...(link.state ? { endedAt: link.endedAt } : {}),
  };
}

/** Every link of a secret with several recipients, in the sender's order; none for one link. */
export function linksOf(record: SecretRecord): SecretRecord[] {
  return Object.entries(record.recipients ?? {})
    .sort(([, a], [, b]) => a.index - b.index)
    .flatMap(([key]) => linkOf(record, key) ?? []);
}

/**
 * Reads left on the secret: its own count, or the sum of its links'. Like one link's, a count is kept
 * as it was when its link ended (revoked, destroyed, locked): the receipt's `maxReads` minus it is
 * always the reads taken, and the state says whether any can still be.
 */
export function remainingReadsOf(record: SecretRecord): number {
  return record.recipients
    ? linksOf(record).reduce((sum, link) => sum + link.remainingReads, 0)
    : record.remainingReads;
}

/** Epoch seconds when an item written now expires, for a secret expiring at `expiresAt` (ms). */
export function purgeAtFor(expiresAt: number): number {
  return Math.ceil(expiresAt / 1000) + LIMITS.receiptRetentionSeconds;
}

/** A new file's seal deadline (epoch seconds): TTL purges its item, unsealed, after it. */
export function pendingPurgeAt(now: Date): number {
  return Math.ceil(now.getTime() / 1000) + LIMITS.pendingSeconds;
}

/** Whether a file was sealed (whatever happened to it since). */
export function isSealed(record: SecretRecord): boolean {
  return record.sealedAt !== undefined;
}

/** Whether a seal can still make this file readable: pending, not expired, not past its deadline. */
export function isSealable(record: SecretRecord, now: Date): boolean {
  return record.state === 'pending' && !isExpired(record, now) && !isPurged(record, now);
}

export function isExpired(record: SecretRecord, now: Date): boolean {
  return now.getTime() >= record.expiresAt;
}

/**
 * The state the item's fields say. The read that takes the count to 0 and the wrong verifier that
 * reaches the limit are counted with an arithmetic update that cannot also rewrite `state`, so
 * both burn the secret by their counts alone.
 */
export function currentState(record: SecretRecord): StoredState {
  if (record.state !== 'active') return record.state;
  // Several links: the secret lives while any does.
  if (record.recipients)
    return linksOf(record).some((link) => currentState(link) === 'active') ? 'active' : 'burned';
  if (isUsedUp(record) || isDestroyed(record)) return 'burned';
  return 'active';
}

/** Whether every read has been taken. */
function isUsedUp(record: SecretRecord): boolean {
  return record.remainingReads < 1;
}

/** Whether wrong passphrase verifiers have reached the limit. */
function isDestroyed(record: SecretRecord): boolean {
  return record.failedAttempts >= LIMITS.maxFailedAttempts;
}

/**
 * What a counted read did: `burned` when it took the link's last one. `ended` when the secret has no
 * open link left (with one link, exactly when burned): then its ciphertext goes.
 */
export type ReadOutcome =
  | { readonly outcome: 'read'; readonly remainingReads: number; readonly ended: boolean }
  | { readonly outcome: 'burned'; readonly ended: boolean };

/**
 * What the read counted in `after` (the item with it applied) did to the link `recipient` (the only
 * one when undefined) and to the secret.
 */
export function readOutcome(after: SecretRecord, recipient?: string): ReadOutcome {
  const link = linkFor(after, recipient);
  const ended = hasEnded(after);
  return isUsedUp(link)
    ? { outcome: 'burned', ended }
    : { outcome: 'read', remainingReads: link.remainingReads, ended };
}

/** What a counted wrong verifier did: `destroyed` when it reached the limit (and locked the link). */
export type WrongVerifierOutcome =
  | { readonly outcome: 'counted'; readonly attemptsLeft: number }
  | { readonly outcome: 'destroyed'; readonly ended: boolean };

/** What the wrong verifier counted in `after` (the item with it applied) did to the link. */
export function wrongVerifierOutcome(
  after: SecretRecord,
  recipient?: string,
): WrongVerifierOutcome {
  const link = linkFor(after, recipient);
  return isDestroyed(link)
    ? { outcome: 'destroyed', ended: hasEnded(after) }
    : { outcome: 'counted', attemptsLeft: LIMITS.maxFailedAttempts - link.failedAttempts };
}

/** The link `recipient` of the item, or the item itself when it has one link. */
export function linkFor(record: SecretRecord, recipient: string | undefined): SecretRecord {
  return (recipient === undefined ? undefined : linkOf(record, recipient)) ?? record;
}

/** Whether the secret has no open link left (by counts or a written end; expiry aside). */
export function hasEnded(record: SecretRecord): boolean {
  return currentState(record) !== 'active';
}

/** Whether this is a request nobody has filled yet (a claim in progress included), not expired. */
export function isAwaitingFill(record: SecretRecord, now: Date): boolean {
  return (record.state === 'awaiting' || record.state === 'filling') && !isExpired(record, now);
}

/** How long a fill's claim holds the request: far beyond any Lambda's run, so only a crash outlives it. */
export const FILL_CLAIM_MS = 60_000;

/** Whether a fill may claim this request now: awaiting, or a claim abandoned, and not expired. */
export function isFillable(record: SecretRecord, now: Date): boolean {
  if (isExpired(record, now)) return false;
  return (
    record.state === 'awaiting' ||
    (record.state === 'filling' && (record.fillingUntil ?? 0) < now.getTime())
  );
}

/** Whether the secret can still be read: active, reads left, tries left, not expired. */
export function isReadable(record: SecretRecord, now: Date): boolean {
  return currentState(record) === 'active' && !isExpired(record, now);
}

/** Whether the sender's opening time, if any, has come. */
export function isOpen(record: SecretRecord, now: Date): boolean {
  return record.notBefore === undefined || now.getTime() >= record.notBefore;
}

/**
 * How long after the read that burns a file its body is deleted (by the reaper, docs/design.md §3).
 * The download URL bounds only when a download may start, not when it ends, so the body outlives the
 * URL by ten minutes: time for a 1 GiB download begun at the last moment. 900 s is also the longest
 * delay SQS allows a message.
 */
export const BODY_DELETE_DELAY_SECONDS = LIMITS.downloadUrlSeconds + 600;

/**
 * When a recipient ended a file whose download may still run: its last read, or its destroy (which
 * follows a read); undefined for any other file or end.
 */
function endedByRecipientAt(record: SecretRecord): number | undefined {
  if (kindOf(record) !== 'file') return undefined;
  // Several links: the last a recipient ended (its download is the last that may run).
  if (record.recipients) {
    const times = linksOf(record).flatMap((link) => endedByRecipientAt(link) ?? []);
    return times.length > 0 ? Math.max(...times) : undefined;
  }
  const at =
    record.state === 'destroyed'
      ? record.endedAt
      : record.state === 'active' && isUsedUp(record) && !isDestroyed(record)
        ? record.reads.at(-1)?.at
        : undefined;
  return at === undefined ? undefined : Date.parse(at);
}

/**
 * Whether the vault should still hold this secret's ciphertext; once false, it is deleted. A pending
 * file's body is being uploaded until its seal deadline. A file burned by its last read, or destroyed
 * by a recipient, keeps its body for {@link BODY_DELETE_DELAY_SECONDS} (a download URL must outlive
 * the read); the reaper deletes it then.
 */
export function holdsCiphertext(record: SecretRecord, now: Date): boolean {
  if (record.state === 'pending') return isSealable(record, now);
  // A fill may be storing its ciphertext right now; an abandoned claim's object goes at expiry.
  if (record.state === 'filling') return !isExpired(record, now);
  if (isReadable(record, now)) return true;
  const endedAt = endedByRecipientAt(record);
  return endedAt !== undefined && now.getTime() < endedAt + BODY_DELETE_DELAY_SECONDS * 1000;
}

/**
 * What the sender's receipt shows. Expiry is derived, never written, so it needs no scheduled job. A
 * secret burned by wrong passphrases is `locked`, so a guessing attempt never passes for a read.
 */
export function receiptState(record: SecretRecord, now: Date): ReceiptState {
  const state = currentState(record);
  const live =
    state === 'active' || state === 'pending' || state === 'awaiting' || state === 'filling';
  if (live && isExpired(record, now)) return 'expired';
  const locked = record.recipients
    ? linksOf(record).every((link) => receiptState(link, now) === 'locked')
    : isDestroyed(record);
  if (state === 'burned' && locked) return 'locked';
  // A claimed fill is not in yet: the requester still waits.
  return state === 'filling' ? 'awaiting' : state;
}

/**
 * Wrong passphrases the receipt reports: all of them. An item written before the total was kept has
 * only those since its last read.
 */
export function failedAttemptsOf(record: SecretRecord): number {
  if (record.recipients)
    return linksOf(record).reduce((sum, link) => sum + failedAttemptsOf(link), 0);
  return record.totalFailedAttempts ?? record.failedAttempts;
}

/** Whether the tombstone has outlived its retention and must be treated as gone (TTL may lag). */
export function isPurged(record: SecretRecord, now: Date): boolean {
  return now.getTime() >= record.purgeAt * 1000;
}

/** Whether this request's read or wrong verifier is already counted in the item. */
export function hasApplied(record: SecretRecord, requestId: string): boolean {
  return record.appliedRequests?.has(requestId) ?? false;
}
