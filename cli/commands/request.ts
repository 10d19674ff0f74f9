// `secretsentry request` and `secretsentry fill`: a secret request (docs/design.md §2). The requester
// makes a key pair here and gets a fill link to send and a retrieve link to keep; whoever holds the
// secret fills the request once, encrypted here to the fill link's public key.
import { ApiError } from '../../core/api.ts';
import { checkRequestKey } from '../../core/envelope.ts';
import { fillSecretRequest, requestSecret, SecretTooLargeError } from '../../core/flows.ts';
import type { ParsedLink } from '../../core/links.ts';
import { parseDuration } from '../duration.ts';
import { endpointsForLink, endpointsForShare, type EndpointOptions } from '../endpoint.ts';
import { CliError, EXIT, fromApiError, usage } from '../exit.ts';
import { readSecret, write, writeLabelled, type Io, type LabelledLine } from '../io.ts';
import { readLinkArg } from '../link.ts';

export interface RequestOptions extends EndpointOptions {
  readonly ttl: string;
  readonly manage?: boolean;
  readonly json?: boolean;
}

export async function request(options: RequestOptions, io: Io): Promise<void> {
  const ttlSeconds = parseDuration(options.ttl);
  const endpoints = await endpointsForShare(options, io.env);
  let made;
  try {
    made = await requestSecret(endpoints.client, { pageOrigin: endpoints.pageOrigin, ttlSeconds });
  } catch (error) {
    throw fromApiError(error, 'request');
  }
  const { fillLink, retrieveLink, manageLink } = made;

  if (options.json) {
    const result = {
      fillLink,
      retrieveLink,
      ...(options.manage ? { manageLink } : {}),
      id: made.id,
      expiresAt: made.expiresAt,
    };
    await write(io.stdout, JSON.stringify(result) + '\n');
    return;
  }
  // The two links look alike and do opposite things: which is which is said on stderr, so that
  // stdout stays the links alone, one a line, in this order, for scripts.
  const lines: LabelledLine[] = [
    ['Fill link: send it to whoever holds the secret; it fills this request once.', fillLink],
    [
      'Retrieve link: keep it to yourself; `secretsentry get` reads the secret with it once filled.',
      retrieveLink,
    ],
  ];
  if (options.manage) {
    lines.push(['Manage link: receipt, and revoke to withdraw the request.', manageLink]);
  }
  await writeLabelled(io, lines, `The request expires ${made.expiresAt}, filled or not.`);
}

export interface FillOptions extends EndpointOptions {
  readonly file?: string;
  readonly json?: boolean;
}

/** A request takes a text secret only, of the same size as `share` takes from stdin. */
const TOO_LARGE_FOR_A_REQUEST =
  'A request takes no more: share a larger file with `secretsentry share --file` instead.';

export async function fill(
  linkText: string | undefined,
  options: FillOptions,
  io: Io,
): Promise<void> {
  if (linkText === '-' && (options.file === undefined || options.file === '-')) {
    throw usage(
      '`fill -` reads the link from stdin, so the secret cannot come there: give --file.',
    );
  }
  const link = await readLinkArg(linkText, 'fill', io);
  await checkFillKey(link);
  const { client } = await endpointsForLink(link.origin, options, io.env);
  const secret = await readSecret(io, options.file, TOO_LARGE_FOR_A_REQUEST);
  let filled;
  try {
    filled = await fillSecretRequest(client, link, secret);
  } catch (error) {
    throw fillError(error);
  }
  if (options.json) {
    await write(io.stdout, JSON.stringify({ id: filled.id, expiresAt: filled.expiresAt }) + '\n');
    return;
  }
  await write(
    io.stdout,
    `filled; the person who asked can read it once, until ${filled.expiresAt}\n`,
  );
}

/**
 * A fill link whose key is not a usable public key (not 32 bytes, or a low-order X25519 point) is
 * damaged: refused before the secret is asked for.
 */
async function checkFillKey(link: ParsedLink): Promise<void> {
  try {
    await checkRequestKey(link.credential);
  } catch {
    throw usage('The fill link is damaged: the part after # is not a key.');
  }
}

/** The API's answers to a fill, in the words of a fill: what was sent is stored, or not at all. */
function fillError(error: unknown): CliError {
  if (error instanceof SecretTooLargeError)
    return usage(`${error.message} ${TOO_LARGE_FOR_A_REQUEST}`);
  if (error instanceof ApiError) {
    if (error.status === 404) {
      return new CliError(
        EXIT.notFound,
        'This request does not exist or is gone (withdrawn or expired); nothing was stored.',
      );
    }
    if (error.code === 'wrong_key') {
      return usage(
        "The fill link's key is not the request's (the link is damaged); nothing was stored. " +
          'Ask for the fill link again.',
      );
    }
    if (error.code === 'outcome_unknown') {
      return new CliError(
        EXIT.unavailable,
        'The API did not confirm the fill; it may have been stored. Run fill again: ' +
          '"already filled" then means it was.',
      );
    }
  }
  return fromApiError(error, 'request');
}
