// receipt: what the sender may know: state, counts (reads, wrong passphrases), times of reads. Works
// on the tombstone after burn.
import type { Deps } from '../common/deps.ts';
import { loadForSender } from '../common/access.ts';
import {
  failedAttemptsOf,
  kindOf,
  linksOf,
  receiptState,
  remainingReadsOf,
  type SecretRecord,
} from '../common/lifecycle.ts';
import type { Receipt, RecipientReceipt } from '../../core/contract.ts';

export async function getReceipt(
  deps: Pick<Deps, 'store' | 'now' | 'count'>,
  input: { id: string; manageToken: string | undefined },
): Promise<Receipt> {
  const record = await loadForSender(deps, input.id, input.manageToken);
  const now = deps.now();
  return {
    state: receiptState(record, now),
    kind: kindOf(record),
    maxReads: record.maxReads,
    remainingReads: remainingReadsOf(record),
    failedAttempts: failedAttemptsOf(record),
    expiresAt: new Date(record.expiresAt).toISOString(),
    createdAt: record.createdAt,
    ...(record.notBefore !== undefined
      ? { notBefore: new Date(record.notBefore).toISOString() }
      : {}),
    reads: readsOf(record),
    ...(record.recipients
      ? { recipients: linksOf(record).map((link) => linkReceipt(record, link, now)) }
      : {}),
  };
}

/** Every read of the secret, in time order: its own, or all its links'. */
function readsOf(record: SecretRecord): { at: string }[] {
  const reads = record.recipients ? linksOf(record).flatMap((link) => link.reads) : record.reads;
  return reads.map((r) => ({ at: r.at })).sort((a, b) => a.at.localeCompare(b.at));
}

/** One link as its sender sees it: its own state and counts, and its label as the JWE sent. */
function linkReceipt(record: SecretRecord, link: SecretRecord, now: Date): RecipientReceipt {
  const label =
    link.recipient === undefined ? undefined : record.recipients?.[link.recipient]?.label;
  return {
    index: link.recipientIndex ?? 0,
    state: receiptState(link, now),
    maxReads: link.maxReads,
    remainingReads: link.remainingReads,
    failedAttempts: failedAttemptsOf(link),
    reads: link.reads.map((r) => ({ at: r.at })),
    ...(label === undefined ? {} : { label }),
  };
}
