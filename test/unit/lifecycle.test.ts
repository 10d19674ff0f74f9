import { describe, expect, it } from '@jest/globals';
import {
  BODY_DELETE_DELAY_SECONDS,
  currentState,
  failedAttemptsOf,
  hasApplied,
  holdsCiphertext,
  isAwaitingFill,
  isFillable,
  linksOf,
  remainingReadsOf,
  isPurged,
  isReadable,
  isSealable,
  receiptState,
  type SecretRecord,
} from '../../lambdas/common/lifecycle.ts';
import { credentials, record } from '../helpers/fixtures.ts';
import { encryptedBodyLength } from '../../core/body-stream.ts';
import { LIMITS } from '../../core/limits.ts';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms);
const secret = (overrides: Partial<SecretRecord> = {}) =>
  record(credentials(), {
    expiresAt: T0 + 60_000,
    purgeAt: T0 / 1000 + 60 + 604_800,
    ...overrides,
  });

describe('the secret lifecycle', () => {
  it('is readable while active, with reads left, before expiry', () => {
    expect(isReadable(secret(), at(59_999))).toBe(true);
  });

  it('expires at exactly expiresAt, whatever the stored state says', () => {
    expect(isReadable(secret(), at(60_000))).toBe(false);
    expect(receiptState(secret(), at(59_999))).toBe('active');
    expect(receiptState(secret(), at(60_000))).toBe('expired');
  });

  it('is not readable once burned or revoked, and reports those states over expiry', () => {
    for (const state of ['burned', 'revoked'] as const) {
      expect(isReadable(secret({ state }), at(0))).toBe(false);
      expect(receiptState(secret({ state }), at(120_000))).toBe(state);
    }
  });

  it('is not readable with no reads left', () => {
    expect(isReadable(secret({ remainingReads: 0 }), at(0))).toBe(false);
  });

  it('is burned once the count reaches 0, though the stored state still says active', () => {
    expect(currentState(secret({ remainingReads: 1 }))).toBe('active');
    expect(currentState(secret({ remainingReads: 0 }))).toBe('burned');
    expect(receiptState(secret({ remainingReads: 0 }), at(120_000))).toBe('burned');
    expect(holdsCiphertext(secret({ remainingReads: 0 }), at(0))).toBe(false);
  });

  it('is destroyed by the fifth wrong verifier, and not before', () => {
    expect(isReadable(secret({ failedAttempts: 4 }), at(0))).toBe(true);
    expect(isReadable(secret({ failedAttempts: 5 }), at(0))).toBe(false);
    expect(currentState(secret({ failedAttempts: 5 }))).toBe('burned');
  });

  it('reports a secret destroyed by wrong passphrases as locked, never as read, also past expiry', () => {
    expect(receiptState(secret({ failedAttempts: 4 }), at(0))).toBe('active');
    expect(receiptState(secret({ failedAttempts: 5 }), at(0))).toBe('locked');
    expect(receiptState(secret({ failedAttempts: 5 }), at(120_000))).toBe('locked');
    // Revoked first: the sender's word stands, whatever a later count could say.
    expect(receiptState(secret({ state: 'revoked', failedAttempts: 5 }), at(0))).toBe('revoked');
  });

  it('reports every wrong passphrase, also those before a read cleared the run', () => {
    expect(failedAttemptsOf(secret({ failedAttempts: 0, totalFailedAttempts: 3 }))).toBe(3);
    // An item from before the total was kept: what it has, the run since its last read.
    expect(failedAttemptsOf(secret({ failedAttempts: 2 }))).toBe(2);
  });

  it('is not readable once a recipient destroyed it, and reports destroyed over expiry', () => {
    const destroyed = secret({
      state: 'destroyed',
      remainingReads: 2,
      endedAt: at(0).toISOString(),
    });
    expect(isReadable(destroyed, at(0))).toBe(false);
    expect(receiptState(destroyed, at(120_000))).toBe('destroyed');
    expect(holdsCiphertext(destroyed, at(0))).toBe(false);
  });

  it('keeps a destroyed file body for the delayed deletion after endedAt, then lets it go', () => {
    const file = secret({
      kind: 'file',
      state: 'destroyed',
      remainingReads: 2,
      endedAt: at(0).toISOString(),
    });
    expect(holdsCiphertext(file, at(BODY_DELETE_DELAY_SECONDS * 1000 - 1))).toBe(true);
    expect(holdsCiphertext(file, at(BODY_DELETE_DELAY_SECONDS * 1000))).toBe(false);
  });

  it('keeps revoked over any count', () => {
    expect(currentState(secret({ state: 'revoked', remainingReads: 0 }))).toBe('revoked');
  });

  it('knows which requests it has counted', () => {
    const s = secret({ appliedRequests: new Set(['req-a']) });
    expect(hasApplied(s, 'req-a')).toBe(true);
    expect(hasApplied(s, 'req-b')).toBe(false);
    expect(hasApplied(secret(), 'req-a')).toBe(false);
  });

  it('keeps the tombstone until purgeAt, then treats it as gone', () => {
    const s = secret();
    expect(isPurged(s, new Date(s.purgeAt * 1000 - 1))).toBe(false);
    expect(isPurged(s, new Date(s.purgeAt * 1000))).toBe(true);
  });
});

describe('a file waiting for its seal', () => {
  const pending = (overrides: Partial<SecretRecord> = {}) =>
    secret({ state: 'pending', kind: 'file', purgeAt: T0 / 1000 + 3600, ...overrides });

  it('is not readable, and its receipt says pending', () => {
    expect(isReadable(pending(), at(0))).toBe(false);
    expect(receiptState(pending(), at(0))).toBe('pending');
  });

  it('can be sealed until it expires or its seal deadline passes', () => {
    expect(isSealable(pending(), at(59_999))).toBe(true);
    expect(isSealable(pending(), at(60_000))).toBe(false);
    expect(isSealable(pending({ expiresAt: T0 + 7200_000 }), at(3600_000))).toBe(false);
    expect(isSealable(pending({ state: 'revoked' }), at(0))).toBe(false);
  });

  it('keeps its uploading body in the vault until then', () => {
    expect(holdsCiphertext(pending(), at(59_999))).toBe(true);
    expect(holdsCiphertext(pending(), at(60_000))).toBe(false);
  });
});

describe('a secret request', () => {
  const request = (overrides: Partial<SecretRecord> = {}) =>
    secret({ state: 'awaiting', kind: 'request', objectVersion: undefined, ...overrides });

  it('awaits its fill, unreadable, until it expires; its receipt says awaiting, then expired', () => {
    expect(isReadable(request(), at(0))).toBe(false);
    expect(isAwaitingFill(request(), at(59_999))).toBe(true);
    expect(isAwaitingFill(request(), at(60_000))).toBe(false);
    expect(receiptState(request(), at(0))).toBe('awaiting');
    expect(receiptState(request(), at(60_000))).toBe('expired');
  });

  it('may be claimed while awaiting, or once a claim outlived its time, never while one holds', () => {
    expect(isFillable(request(), at(0))).toBe(true);
    expect(isFillable(request(), at(60_000))).toBe(false);
    const claimed = request({ state: 'filling', fillingUntil: T0 + 30_000 });
    expect(isFillable(claimed, at(30_000))).toBe(false);
    expect(isFillable(claimed, at(30_001))).toBe(true);
    // A claim is a fill not in yet: the requester still waits, and reads nothing.
    expect(receiptState(claimed, at(0))).toBe('awaiting');
    expect(isAwaitingFill(claimed, at(0))).toBe(true);
    for (const state of ['active', 'revoked'] as const)
      expect(isFillable(request({ state }), at(0))).toBe(false);
  });

  it('keeps the object a claimed fill may be storing until expiry, and none before a claim', () => {
    expect(holdsCiphertext(request(), at(0))).toBe(false);
    expect(holdsCiphertext(request({ state: 'filling', fillingUntil: T0 }), at(59_999))).toBe(true);
    expect(holdsCiphertext(request({ state: 'filling', fillingUntil: T0 }), at(60_000))).toBe(
      false,
    );
    // Filled, it is an active secret: readable and held until its read or expiry.
    expect(isReadable(request({ state: 'active', filledAt: 'x' }), at(0))).toBe(true);
  });
});

describe('a secret with several links', () => {
  const link = (index: number, overrides = {}) => ({
    index,
    maxReads: 1,
    remainingReads: 1,
    failedAttempts: 0,
    reads: [],
    ...overrides,
  });
  const several = (overrides: Partial<SecretRecord> = {}) =>
    secret({
      readTokenHash: undefined,
      recipients: {
        a: link(0, { remainingReads: 0, reads: [{ at: 'x' }] }),
        b: link(1, { failedAttempts: 5 }),
        c: link(2, { state: 'destroyed' as const, endedAt: 'y' }),
        d: link(3),
      },
      ...overrides,
    });

  it('gives each link its own state, and the secret lives while any does', () => {
    const record = several();
    expect(linksOf(record).map((l) => receiptState(l, at(0)))).toEqual([
      'burned',
      'locked',
      'destroyed',
      'active',
    ]);
    expect(receiptState(record, at(0))).toBe('active');
    // As for one link: the maximum less this is the reads taken (one), whatever ended the links.
    expect(remainingReadsOf(record)).toBe(3);
  });

  it('keeps the end each link had when the sender revokes the whole secret after it', () => {
    const record = several({ state: 'revoked', endedAt: 'z' });
    expect(linksOf(record).map((l) => receiptState(l, at(0)))).toEqual([
      'burned',
      'locked',
      'destroyed',
      'revoked',
    ]);
    expect(remainingReadsOf(record)).toBe(3);
  });
});

describe('the file limits', () => {
  it('take the encrypted body of exactly 1 GiB as the largest', () => {
    expect(LIMITS.fileBodyBytes).toBe(encryptedBodyLength(1024 ** 3));
  });

  it('split uploads in parts S3 accepts', () => {
    expect(LIMITS.partBytes).toBeGreaterThanOrEqual(5 * 1024 ** 2);
    expect(LIMITS.multipartThresholdBytes).toBeGreaterThanOrEqual(LIMITS.partBytes);
    expect(Math.ceil(LIMITS.fileBodyBytes / LIMITS.partBytes)).toBeLessThanOrEqual(10_000);
  });
});
