// meta: what a recipient may know before spending a read. One AWS call; consumes nothing.
import type { Deps } from '../common/deps.ts';
import { loadForRecipient } from '../common/access.ts';
import type { Meta } from '../../core/contract.ts';
import { isAwaitingFill, kindOf } from '../common/lifecycle.ts';

export async function getSecretMeta(
  deps: Pick<Deps, 'store' | 'now' | 'count'>,
  input: { id: string; readToken: string | undefined },
): Promise<Meta> {
  const record = await loadForRecipient(deps, input.id, input.readToken);
  return {
    id: record.id,
    kind: kindOf(record),
    expiresAt: new Date(record.expiresAt).toISOString(),
    remainingReads: record.remainingReads,
    passphrase: record.passphrase
      ? { salt: record.passphrase.salt, iterations: record.passphrase.iterations }
      : null,
    hidden: record.hidden === true,
    ...(record.notBefore !== undefined
      ? { notBefore: new Date(record.notBefore).toISOString() }
      : {}),
    ...(kindOf(record) === 'request' ? { filled: !isAwaitingFill(record, deps.now()) } : {}),
  };
}
