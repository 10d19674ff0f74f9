// `secretsentry share`: encrypt stdin or --file here, store only ciphertext, print the link. A
// regular file goes as a file secret: streamed, encrypted and uploaded straight to the vault.
import { randomInt } from 'node:crypto';
import { FileTooLargeError, shareFile } from '../../core/file-flows.ts';
import {
  shareSecret,
  type RecipientInput,
  type SharedLink,
  type SharedSecret,
} from '../../core/flows.ts';
import { LIMITS } from '../../core/limits.ts';
import { TransferError } from '../../core/transfer.ts';
import { FileChangedError, regularFile } from '../file-source.ts';
import { progressLine } from '../progress.ts';
import { parseDuration, parseOpening, parseReads } from '../duration.ts';
import { endpointsForShare } from '../endpoint.ts';
import { CliError, EXIT, fromApiError, usage } from '../exit.ts';
import {
  readSecret,
  resolvePassphrase,
  write,
  writeLabelled,
  type Io,
  type LabelledLine,
} from '../io.ts';
import { labelled } from '../link-label.ts';
import { nodeRecords } from '../records.ts';

export interface ShareOptions {
  readonly file?: string;
  readonly reads: string;
  readonly ttl: string;
  /** When the secret opens: a wait (`2h`) or a date and time. */
  readonly notBefore?: string;
  /** An https URL the service posts signed events to. */
  readonly webhook?: string;
  readonly passphraseFile?: string;
  readonly passphrase?: boolean;
  readonly manage?: boolean;
  readonly json?: boolean;
  /** Share a new random password of this many characters instead of stdin or --file. */
  readonly generate?: string | boolean;
  readonly keySeparately?: boolean;
  /** `--recipients N`: this many links, each with its own reads and credential, unlabelled. */
  readonly recipients?: string;
  /** `--to LABEL`, repeated: one link per recipient, each with a label only the sender sees. */
  readonly to?: readonly string[];
  readonly api?: string;
  readonly pageUrl?: string;
}

export async function share(options: ShareOptions, io: Io): Promise<void> {
  const maxReads = parseReads(options.reads);
  const recipients = recipientsOf(options, maxReads);
  const ttlSeconds = parseDuration(options.ttl);
  const notBefore =
    options.notBefore === undefined
      ? undefined
      : parseOpening(options.notBefore, new Date(), ttlSeconds);
  const generated = options.generate === undefined ? undefined : generatePassword(options);
  const endpoints = await endpointsForShare(options, io.env);
  const file =
    options.file !== undefined && options.file !== '-' && generated === undefined
      ? await regularFile(options.file)
      : undefined;
  const secret =
    file !== undefined
      ? undefined
      : generated === undefined
        ? await readSecret(io, options.file)
        : new TextEncoder().encode(generated);
  const passphrase = await resolvePassphrase(io, {
    passphraseFile: options.passphraseFile,
    prompt: options.passphrase === true,
    confirm: true,
    missing: new CliError(
      EXIT.usage,
      '--passphrase needs a terminal to ask on; use --passphrase-file or SECRETSENTRY_PASSPHRASE.',
    ),
  });

  const common = {
    pageOrigin: endpoints.pageOrigin,
    maxReads,
    ttlSeconds,
    ...(notBefore === undefined ? {} : { notBefore }),
    ...(options.webhook === undefined ? {} : { webhookUrl: webhookUrl(options.webhook) }),
    ...(passphrase === undefined ? {} : { passphrase }),
    ...(recipients === undefined ? {} : { recipients }),
  };
  let shared: SharedSecret;
  const progress = progressLine(io, 'Uploading', options.json === true);
  try {
    shared =
      file === undefined
        ? await shareSecret(endpoints.client, { ...common, secret: secret! })
        : await shareFile(endpoints.client, {
            ...common,
            file,
            onProgress: progress.update,
            // Loaded for files only: text shares start without parsing undici.
            send: (await import('../vault-sender.ts')).undiciSender,
            cipher: nodeRecords,
          });
  } catch (error) {
    progress.done();
    if (error instanceof FileTooLargeError) throw usage(error.message);
    if (error instanceof FileChangedError) throw usage(`${error.message} Nothing was shared.`);
    if (error instanceof TransferError) {
      throw new CliError(
        error.retryable ? EXIT.unavailable : EXIT.failed,
        `The upload failed: ${error.message} Nothing was shared.`,
        { cause: error },
      );
    }
    throw fromApiError(error);
  }
  progress.done();
  if (shared.recipients) {
    await printRecipientLinks(shared, shared.recipients, options, generated, io);
    return;
  }
  // Without its key, the link alone opens nothing: for people who send the two over two channels.
  const link = options.keySeparately ? shared.link.slice(0, shared.link.indexOf('#')) : shared.link;
  const { manageLink } = shared;

  if (options.json) {
    const result = {
      link,
      ...(options.keySeparately ? { key: shared.key } : {}),
      ...(options.manage ? { manageLink } : {}),
      ...(generated !== undefined ? { secret: generated } : {}),
      id: shared.id,
      expiresAt: shared.expiresAt,
      ...(shared.notBefore === undefined ? {} : { notBefore: shared.notBefore }),
      ...(shared.webhookSecret === undefined ? {} : { webhookSecret: shared.webhookSecret }),
      maxReads: shared.maxReads,
      passphrase: shared.protectedByPassphrase,
    };
    await write(io.stdout, JSON.stringify(result) + '\n');
    return;
  }
  const lines = [
    link,
    ...(options.keySeparately ? [shared.key] : []),
    ...(options.manage ? [manageLink] : []),
    // The sender's only copy of the password: printed once, last, to stdout (never stderr).
    ...(generated !== undefined ? [generated] : []),
    // The webhook's signing key, answered once: stdout too, after everything else.
    ...(shared.webhookSecret !== undefined ? [shared.webhookSecret] : []),
  ];
  await write(io.stdout, lines.join('\n') + '\n');
  if (io.stderr.isTTY) {
    const reads = shared.maxReads === 1 ? 'once' : `${shared.maxReads} times`;
    const opens = shared.notBefore === undefined ? '' : `opens ${shared.notBefore}; `;
    await write(io.stderr, `Can be read ${reads}; ${opens}expires ${shared.expiresAt}.\n`);
  }
}

/**
 * `--recipients N` or `--to LABEL` (repeated): one link per recipient, each read `maxReads` times.
 * Checked here, before the secret is read or anything is sent, with the bounds the API keeps.
 */
function recipientsOf(options: ShareOptions, maxReads: number): RecipientInput[] | undefined {
  const { min, max } = LIMITS.recipients;
  if (options.recipients !== undefined && options.to !== undefined) {
    throw usage(
      'Give --recipients N for unlabelled links or --to LABEL once per recipient, not both.',
    );
  }
  if (options.to !== undefined) {
    if (options.to.length > max) {
      throw usage(`A secret has at most ${max} recipients, not ${options.to.length} (--to).`);
    }
    options.to.forEach((label, i) => {
      const which = `--to number ${i + 1}`;
      if (label.trim() === '') throw usage(`${which} is empty: give each recipient a label.`);
      // Characters as core counts them (sealLabel): after NFC, by code point.
      const length = [...label.normalize('NFC')].length;
      if (length > LIMITS.labelChars) {
        throw usage(
          `${which} is ${length} characters long; a label is at most ${LIMITS.labelChars}.`,
        );
      }
      // A label is shown on the sender's terminal later: one line of visible text.
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      if (/[\u0000-\u001f\u007f-\u009f]/.test(label)) {
        throw usage(`${which} holds a control character (a newline, a tab, an escape).`);
      }
    });
    return options.to.map((label) => ({ label, maxReads }));
  }
  if (options.recipients === undefined) return undefined;
  const text = options.recipients.trim();
  const count = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(count >= min && count <= max)) {
    throw usage(
      `--recipients takes a whole number from ${min} to ${max}, not "${options.recipients}".`,
    );
  }
  return Array.from({ length: count }, () => ({ maxReads }));
}

/** A link and its key apart (`--key-separately`): what comes before `#`, and what after. */
function splitKey(link: string): { link: string; key: string } {
  const hash = link.indexOf('#');
  return { link: link.slice(0, hash), key: link.slice(hash + 1) };
}

/**
 * Several recipients: one link each, a line each, in order (with --key-separately, its key on the
 * next line), then what one link would print after it. `--json`: an array, one object per link,
 * each carrying what the single link's object would.
 */
async function printRecipientLinks(
  shared: SharedSecret,
  links: readonly SharedLink[],
  options: ShareOptions,
  generated: string | undefined,
  io: Io,
): Promise<void> {
  const apart = options.keySeparately === true;
  if (options.json) {
    const result = links.map((recipient) => ({
      // `number` as people count it (what revoke --recipient takes); `index` is the API's, from 0.
      number: recipient.index + 1,
      index: recipient.index,
      ...(recipient.label === undefined ? {} : { label: recipient.label }),
      ...(apart ? splitKey(recipient.link) : { link: recipient.link }),
      ...(options.manage ? { manageLink: shared.manageLink } : {}),
      ...(generated !== undefined ? { secret: generated } : {}),
      id: shared.id,
      expiresAt: shared.expiresAt,
      ...(shared.notBefore === undefined ? {} : { notBefore: shared.notBefore }),
      ...(shared.webhookSecret === undefined ? {} : { webhookSecret: shared.webhookSecret }),
      maxReads: recipient.maxReads,
      passphrase: shared.protectedByPassphrase,
    }));
    await write(io.stdout, JSON.stringify(result) + '\n');
    return;
  }
  const lines: LabelledLine[] = links.flatMap((recipient): LabelledLine[] => {
    const name = `Link ${recipient.index + 1}${labelled(recipient.label)}`;
    const reads = recipient.maxReads === 1 ? 'once' : `${recipient.maxReads} times`;
    if (!apart) return [[`${name}: can be read ${reads}.`, recipient.link]];
    const { link, key } = splitKey(recipient.link);
    return [
      [`${name}, without its key: can be read ${reads}.`, link],
      [`Key of link ${recipient.index + 1}: send it apart from its link.`, key],
    ];
  });
  if (options.manage) {
    lines.push([
      'Manage link: receipt, and revoke (one link with --recipient N).',
      shared.manageLink,
    ]);
  }
  if (generated !== undefined) lines.push(['The password: your only copy.', generated]);
  if (shared.webhookSecret !== undefined) {
    lines.push(["The webhook's signing secret, shown this once.", shared.webhookSecret]);
  }
  const opens = shared.notBefore === undefined ? '' : `open ${shared.notBefore} and `;
  await writeLabelled(io, lines, `The links ${opens}expire ${shared.expiresAt}.`);
}

/** Letters and digits without look-alikes (0/O, 1/l/I): safe to read aloud and to paste anywhere. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
export const GENERATE = { default: 24, min: 12, max: 128 } as const;

/** A uniformly random password; 24 characters of this alphabet carry about 140 bits. */
function generatePassword(options: ShareOptions): string {
  if (options.file !== undefined) throw usage('--generate makes the secret: drop --file.');
  const text = options.generate === true ? String(GENERATE.default) : String(options.generate);
  const length = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(length >= GENERATE.min && length <= GENERATE.max)) {
    throw usage(
      `--generate takes a length from ${GENERATE.min} to ${GENERATE.max}, not "${text}".`,
    );
  }
  return Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/**
 * `--webhook`: an absolute https URL without credentials (the service checks more: a public host).
 * Refused here, before anything is encrypted or sent, with the same words the API would use.
 */
function webhookUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usage(
      '--webhook must be an absolute https URL, e.g. https://hooks.example.com/secretsentry.',
    );
  }
  // http only for a receiver on this machine, which a local stack may be told to allow.
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    throw usage('--webhook must be an https URL.');
  if (url.username !== '' || url.password !== '')
    throw usage('--webhook must not carry a user name or password.');
  return text;
}
