// `secretsentry receipt` and `secretsentry revoke`: the sender's side, with the manage link (whose
// fragment is the manage token, and the key of the recipients' labels after a `.` when they have any).
import type { ReceiptState } from '../../core/api.ts';
import { parseManageSecret } from '../../core/envelope.ts';
import { openReceipt, type OpenedReceipt } from '../../core/flows.ts';
import type { ParsedLink } from '../../core/links.ts';
import { LIMITS } from '../../core/limits.ts';
import { endpointsForLink, type EndpointOptions } from '../endpoint.ts';
import { fromApiError, usage } from '../exit.ts';
import { write, type Io } from '../io.ts';
import { readLinkArg } from '../link.ts';
import { labelled, labelText } from '../link-label.ts';

/** What a bare state word does not say: who or what ended the secret, or what it waits for. */
const STATE_NOTES: Partial<Record<ReceiptState, string>> = {
  awaiting: 'a request nobody has filled yet',
  locked: `destroyed after ${LIMITS.maxFailedAttempts} wrong passphrases in a row`,
  destroyed: 'by the recipient, after a read',
};

/** What a revoke ends: a secret still readable, a file still uploading, a request not filled yet. */
const LIVE_STATES: ReadonlySet<ReceiptState> = new Set(['active', 'pending', 'awaiting']);

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

function stateText(state: ReceiptState): string {
  const note = STATE_NOTES[state];
  return note === undefined ? state : `${state} (${note})`;
}

type RecipientLink = NonNullable<OpenedReceipt['recipients']>[number];

/** The manage link, its token apart from the labels' key, checked before anything is sent. */
async function readManageLink(
  linkText: string | undefined,
  io: Io,
): Promise<{ link: ParsedLink; manageToken: string }> {
  const link = await readLinkArg(linkText, 'manage', io);
  try {
    return { link, manageToken: parseManageSecret(link.credential).manageToken };
  } catch {
    throw usage('The manage link is damaged: the part after # is not what share printed.');
  }
}

export interface ReceiptOptions extends EndpointOptions {
  readonly json?: boolean;
}

export async function receipt(
  linkText: string | undefined,
  options: ReceiptOptions,
  io: Io,
): Promise<void> {
  const { link } = await readManageLink(linkText, io);
  const { client } = await endpointsForLink(link.origin, options, io.env);
  let result: OpenedReceipt;
  try {
    result = await openReceipt(client, link);
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
    // With several links, each lists its own reads below: the totals above sum them.
    ...(result.recipients === undefined
      ? result.reads.map((r, i): [string, string] => [`read ${i + 1}`, r.at])
      : [['links', String(result.recipients.length)] as [string, string]]),
    ...(result.recipients ?? []).flatMap(recipientRows),
  ];
  await write(io.stdout, rows.map(([k, v]) => `${k.padEnd(10)} ${v}`.trimEnd()).join('\n') + '\n');
}

/** One link of several: its number and label, then its own state and counts, indented. */
function recipientRows(recipient: RecipientLink): [string, string][] {
  const used = recipient.maxReads - recipient.remainingReads;
  return [
    [
      `link ${recipient.index + 1}`,
      recipient.label === undefined ? '' : labelText(recipient.label),
    ],
    ['  state', stateText(recipient.state)],
    // An ended link (revoked, locked) keeps its count of reads left, but none can be used.
    [
      '  reads',
      `${used} of ${recipient.maxReads}` +
        (LIVE_STATES.has(recipient.state) ? `, ${recipient.remainingReads} left` : ''),
    ],
    ['  failed', plural(recipient.failedAttempts, 'wrong passphrase')],
    ...recipient.reads.map((r, i): [string, string] => [`  read ${i + 1}`, r.at]),
  ];
}

export interface RevokeOptions extends EndpointOptions {
  /** Only this link of several: its number from 0, as `receipt` shows it. */
  readonly recipient?: string;
  /** Only the link with this label (decrypted with the manage link's label key). */
  readonly to?: string;
}

/**
 * Ends the secret now, or with --recipient/--to one of its links. Says what it found: a secret or link
 * that was already used up, revoked or expired is left as it is (the API keeps its receipt state), and
 * the command still succeeds.
 */
export async function revoke(
  linkText: string | undefined,
  options: RevokeOptions,
  io: Io,
): Promise<void> {
  if (options.recipient !== undefined && options.to !== undefined) {
    throw usage('Give --recipient N or --to LABEL, not both.');
  }
  const index = options.recipient === undefined ? undefined : linkNumber(options.recipient);
  const { link, manageToken } = await readManageLink(linkText, io);
  const { client } = await endpointsForLink(link.origin, options, io.env);
  let before: OpenedReceipt;
  try {
    before = await openReceipt(client, link);
  } catch (error) {
    throw fromApiError(error);
  }
  if (index === undefined && options.to === undefined) {
    try {
      // Also for an ended secret: the API repeats the ciphertext's delete in case an earlier one failed.
      await client.revoke(link.id, manageToken);
    } catch (error) {
      throw fromApiError(error);
    }
    await write(
      io.stdout,
      LIVE_STATES.has(before.state) ? 'revoked\n' : `already ${before.state}; nothing to revoke\n`,
    );
    return;
  }
  const target = pickLink(before, index, options.to);
  try {
    await client.revokeRecipient(link.id, manageToken, target.index);
  } catch (error) {
    throw fromApiError(error);
  }
  const name = `link ${target.index + 1}${labelled(target.label)}`;
  await write(
    io.stdout,
    LIVE_STATES.has(target.state)
      ? `revoked ${name}; the other links keep working\n`
      : `${name} already ${target.state}; nothing to revoke\n`,
  );
}

/**
 * `--recipient N`: a link's number as people count, from 1, as share, receipt and the page show it
 * ("link 1"); the API's index is one less.
 */
function linkNumber(text: string): number {
  if (!/^[1-9]\d*$/.test(text.trim())) {
    throw usage(
      `--recipient takes a link's number from 1, as receipt shows it ("link 1"), not "${text}".`,
    );
  }
  return Number(text) - 1;
}

/** The one link that --recipient or --to names, among the receipt's. */
function pickLink(
  receipt: OpenedReceipt,
  index: number | undefined,
  label: string | undefined,
): RecipientLink {
  const links = receipt.recipients;
  if (links === undefined) {
    throw usage(
      `This secret has one link: revoke it without ${index === undefined ? '--to' : '--recipient'}.`,
    );
  }
  if (index !== undefined) {
    const found = links.find((l) => l.index === index);
    if (found === undefined) {
      throw usage(
        `This secret has links 1 to ${links.length}; there is no link ${index + 1} ` +
          '(`secretsentry receipt` lists them).',
      );
    }
    return found;
  }
  if (!links.some((l) => l.label !== undefined)) {
    throw usage(
      'No link of this secret has a label this manage link can read: give --recipient N ' +
        '(`secretsentry receipt` lists the links).',
    );
  }
  const wanted = (label ?? '').normalize('NFC');
  const matches = links.filter((l) => l.label?.normalize('NFC') === wanted);
  if (matches.length === 0) {
    throw usage('No link has that label (`secretsentry receipt` lists them).');
  }
  if (matches.length > 1) {
    throw usage(
      `Links ${matches.map((l) => l.index + 1).join(', ')} have that label: give --recipient N.`,
    );
  }
  return matches[0]!;
}
