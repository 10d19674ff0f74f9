import { describe, expect, it } from '@jest/globals';
import {
  afterRead,
  afterWrongVerifier,
  isPurged,
  isReadable,
  receiptState,
  type SecretRecord,
} from '../../lambdas/shared/lifecycle.ts';
import { credentials, record } from '../helpers/fixtures.ts';

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

  it('burns on the read that takes the count from 1 to 0, and only then', () => {
    expect(afterRead(3)).toEqual({ remainingReads: 2, burns: false });
    expect(afterRead(1)).toEqual({ remainingReads: 0, burns: true });
    expect(() => afterRead(0)).toThrow(RangeError);
  });

  it('destroys on the fifth wrong verifier in a row', () => {
    expect(afterWrongVerifier(0, 5)).toEqual({ failedAttempts: 1, destroys: false });
    expect(afterWrongVerifier(3, 5)).toEqual({ failedAttempts: 4, destroys: false });
    expect(afterWrongVerifier(4, 5)).toEqual({ failedAttempts: 5, destroys: true });
  });

  it('keeps the tombstone until purgeAt, then treats it as gone', () => {
    const s = secret();
    expect(isPurged(s, new Date(s.purgeAt * 1000 - 1))).toBe(false);
    expect(isPurged(s, new Date(s.purgeAt * 1000))).toBe(true);
  });
});
