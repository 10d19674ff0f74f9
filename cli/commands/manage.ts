// `secretsentry receipt` and `secretsentry revoke`: the sender's side, with the manage link.
import type { Receipt, ReceiptState } from '../../core/api.ts';
import { LIMITS } from '../../core/limits.ts';
import { endpointsForLink, type EndpointOptions } from '../endpoint.ts';
import { fromApiError } from '../exit.ts';
import { write, type Io } from '../io.ts';
import { readLinkArg } from '../link.ts';

/** What a bare state word does not say: who or what ended the secret. */
const STATE_NOTES: Partial<Record<ReceiptState, string>> = {
  locked: `destroyed after ${LIMITS.maxFailedAttempts} wrong passphrases in a row`,
  destroyed: 'by the recipient, after a read',
};

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

function stateText(state: ReceiptState): string {
  const note = STATE_NOTES[state];
  return note === undefined ? state : `${state} (${note})`;
}

export interface ReceiptOptions extends EndpointOptions {
  readonly json?: boolean;
}

export async function receipt(
  linkText: string | undefined,
  options: ReceiptOptions,
  io: Io,
): Promise<void> {
  const link = await readLinkArg(linkText, 'manage', io);
  const { client } = await endpointsForLink(link.origin, options, io.env);
  let result: Receipt;
  try {
    result = await client.receipt(link.id, link.credential);
  } catch (error) {
    throw fromApiError(error);
  }
  if (options.json) {
    await write(io.stdout, JSON.stringify(result) + '\n');
    return;
  }
  const rows: [string, string][] = [
    ['state', stateText(result.state)],
    ['reads', `${result.maxReads - result.remainingReads} of ${result.maxReads}`],
    ['remaining', String(result.remainingReads)],
    ['failed', plural(result.failedAttempts, 'wrong passphrase')],
    ['created', result.createdAt],
    ...(result.notBefore === undefined ? [] : [['opens', result.notBefore] as [string, string]]),
    ['expires', result.expiresAt],
    ...result.reads.map((r, i): [string, string] => [`read ${i + 1}`, r.at]),
  ];
  await write(io.stdout, rows.map(([k, v]) => `${k.padEnd(10)} ${v}`).join('\n') + '\n');
}

/**
 * Ends the secret now. Says what it found: a secret that was already used up, revoked or expired is
 * left as it is (the API keeps its receipt state), and the command still succeeds.
 */
export async function revoke(
  linkText: string | undefined,
  options: EndpointOptions,
  io: Io,
): Promise<void> {
  const link = await readLinkArg(linkText, 'manage', io);
  const { client } = await endpointsForLink(link.origin, options, io.env);
  let before: Receipt;
  try {
    before = await client.receipt(link.id, link.credential);
    // Also for an ended secret: the API repeats the ciphertext's delete in case an earlier one failed.
    await client.revoke(link.id, link.credential);
  } catch (error) {
    throw fromApiError(error);
  }
  await write(
    io.stdout,
    before.state === 'active' ? 'revoked\n' : `already ${before.state}; nothing to revoke\n`,
  );
}
