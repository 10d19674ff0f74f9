// receipt: what the sender may know: state, counts (reads, wrong passphrases), times of reads. Works
// on the tombstone after burn.
import type { Deps } from '../common/deps.ts';
import { loadForSender } from '../common/access.ts';
import { failedAttemptsOf, receiptState } from '../common/lifecycle.ts';
import type { Receipt } from '../../core/contract.ts';

export async function getReceipt(
  deps: Pick<Deps, 'store' | 'now' | 'count'>,
  input: { id: string; manageToken: string | undefined },
): Promise<Receipt> {
  const record = await loadForSender(deps, input.id, input.manageToken);
  const now = deps.now();
  return {
    state: receiptState(record, now),
    maxReads: record.maxReads,
    remainingReads: record.remainingReads,
    failedAttempts: failedAttemptsOf(record),
    expiresAt: new Date(record.expiresAt).toISOString(),
    createdAt: record.createdAt,
    ...(record.notBefore !== undefined
      ? { notBefore: new Date(record.notBefore).toISOString() }
      : {}),
    reads: record.reads.map((r) => ({ at: r.at })),
  };
}
