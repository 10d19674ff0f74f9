// create: a text stores its ciphertext, then the token item (two AWS calls); a file stores only its
// item, pending, and answers the URLs its body is uploaded to, straight to S3, before its seal; a
// secret request stores only its item, awaiting its fill.
import { randomBase64url, hashToken } from '../common/encoding.ts';
import type { Deps } from '../common/deps.ts';
import { InvalidRequestError } from '../common/errors.ts';
import { LIMITS } from '../../core/limits.ts';
import {
  pendingPurgeAt,
  purgeAtFor,
  type RecipientRecord,
  type SecretRecord,
} from '../common/lifecycle.ts';
import type { Created, CreateRequest, FileDeclaration, Upload } from '../../core/contract.ts';
import {
  checkWebhookUrl,
  resolveWebhookTarget,
  type ResolveOptions,
} from '../common/webhook-target.ts';
import { newWebhookSecret } from '../common/webhook-signing.ts';
import { setExpiryAlarm } from '../common/webhook-expiry.ts';

type CreateDeps = Pick<
  Deps,
  | 'store'
  | 'vault'
  | 'now'
  | 'count'
  | 'uploadSizes'
  | 'maxFileBodyBytes'
  | 'allowLoopbackWebhooks'
  | 'webhookLookup'
  | 'expiryAlarm'
  | 'log'
>;

export async function createSecret(deps: CreateDeps, input: CreateRequest): Promise<Created> {
  // The stage's own limit, below the contract's: checked before any URL is minted or item written.
  if (input.file && input.file.bodyBytes > deps.maxFileBodyBytes)
    throw new InvalidRequestError(
      `file.bodyBytes: must be at most ${deps.maxFileBodyBytes} on this service.`,
    );
  const now = deps.now();
  const id = randomBase64url(16);
  const manageToken = randomBase64url(32);
  const links = recipientsOf(input);
  // With several links the secret's own counts are their sums, never counted (each link counts).
  const maxReads = links
    ? Object.values(links).reduce((sum, link) => sum + link.maxReads, 0)
    : (input.maxReads ?? LIMITS.maxReads.default);
  const expiresAt = now.getTime() + (input.ttlSeconds ?? LIMITS.ttlSeconds.default) * 1000;
  const notBefore = openingTime(input.notBefore, now, expiresAt);
  // Checked, resolved and refused before anything is written: a URL that is not https or points at a
  // private, loopback, link-local or metadata address never gets stored.
  const webhook = input.webhook && {
    url: await checkedWebhookUrl(input.webhook.url, {
      allowLoopback: deps.allowLoopbackWebhooks,
      ...(deps.webhookLookup ? { lookup: deps.webhookLookup } : {}),
    }),
    secret: newWebhookSecret(),
  };
  const common = {
    id,
    maxReads,
    remainingReads: maxReads,
    createdAt: now.toISOString(),
    expiresAt,
    ...(links ? { recipients: links } : { readTokenHash: input.readTokenHash ?? '' }),
    manageTokenHash: hashToken(Buffer.from(manageToken, 'base64url')),
    failedAttempts: 0,
    reads: [],
    ...(input.passphrase ? { passphrase: input.passphrase } : {}),
    ...(input.hidden ? { hidden: true as const } : {}),
    ...(notBefore !== undefined ? { notBefore } : {}),
    ...(webhook ? { webhook } : {}),
  } as const;
  const answer = {
    id,
    expiresAt: new Date(expiresAt).toISOString(),
    maxReads,
    manageToken,
    ...(notBefore !== undefined ? { notBefore: new Date(notBefore).toISOString() } : {}),
    ...(webhook ? { webhookSecret: webhook.secret } : {}),
  };

  if (input.request) {
    // A request stores no ciphertext yet: whoever holds its fill link fills it once, by fill.
    await deps.store.create({
      ...common,
      state: 'awaiting',
      kind: 'request',
      purgeAt: purgeAtFor(expiresAt),
      fillTokenHash: input.request.fillTokenHash,
      keyId: input.request.keyId,
    });
    deps.count('SecretCreated');
    return answer;
  }

  if (input.file) {
    const { upload, uploadId } = await mintUpload(deps, id, input.file, now);
    // Pending: unreadable until sealed, and purged by TTL at the seal deadline if it never is.
    await deps.store.create({
      ...common,
      state: 'pending',
      kind: 'file',
      bodyBytes: input.file.bodyBytes,
      manifest: input.file.manifest,
      purgeAt: pendingPurgeAt(now),
      ...(uploadId ? { uploadId } : {}),
    });
    deps.count('SecretCreated');
    await setExpiryAlarm(deps, { id, expiresAt, maxReads, ...(webhook ? { webhook } : {}) });
    return { ...answer, upload };
  }

  // The schema lets through exactly one of ciphertext, file and request.
  const objectVersion = await deps.vault.put(id, input.ciphertext ?? '');
  const record: SecretRecord = {
    ...common,
    state: 'active',
    kind: 'text',
    purgeAt: purgeAtFor(expiresAt),
    ...(objectVersion ? { objectVersion } : {}),
  };
  // If this write fails the orphaned object is unreachable (no item, no token) and the
  // vault's lifecycle rule removes it; the caller gets a 503 and can simply retry.
  await deps.store.create(record);
  deps.count('SecretCreated');
  await setExpiryAlarm(deps, record);
  return answer;
}

/** Several recipients' links, keyed by read token hash, each with its own count; none for one link. */
function recipientsOf(input: CreateRequest): Record<string, RecipientRecord> | undefined {
  if (!input.recipients) return undefined;
  return Object.fromEntries(
    input.recipients.map((recipient, index) => {
      const maxReads = recipient.maxReads ?? LIMITS.maxReads.default;
      const link: RecipientRecord = {
        index,
        maxReads,
        remainingReads: maxReads,
        failedAttempts: 0,
        reads: [],
        ...(recipient.label === undefined ? {} : { label: recipient.label }),
      };
      return [recipient.readTokenHash, link];
    }),
  );
}

/**
 * The webhook URL as stored, or 400 (`WebhookUrlError` is one) with what is wrong with it, never
 * quoting it. Checked again at every delivery: what a name resolves to may change.
 */
async function checkedWebhookUrl(text: string, options: ResolveOptions): Promise<string> {
  const url = checkWebhookUrl(text, options);
  await resolveWebhookTarget(url, options);
  return url.href;
}

/**
 * The opening time in epoch milliseconds: after now (a time already past would open at once, which is
 * not what a sender who set one meant) and before the expiry (a secret that could never open).
 */
function openingTime(notBefore: string | undefined, now: Date, expiresAt: number) {
  if (notBefore === undefined) return undefined;
  const at = Date.parse(notBefore);
  if (!(at > now.getTime()))
    throw new InvalidRequestError(
      `notBefore: must be in the future (the server's time is ${now.toISOString()}).`,
    );
  if (at >= expiresAt)
    throw new InvalidRequestError(
      `notBefore: must be before the secret expires (${new Date(expiresAt).toISOString()}); set a longer ttlSeconds or an earlier time.`,
    );
  return at;
}

/**
 * The URLs for exactly `bodyBytes`: one PUT up to the multipart threshold, else a multipart upload
 * in parts of `partBytes` (the last one the rest). A multipart upload started here and never sealed
 * is aborted by the vault's lifecycle rule.
 */
async function mintUpload(
  deps: CreateDeps,
  id: string,
  file: FileDeclaration,
  now: Date,
): Promise<{ upload: Upload; uploadId?: string }> {
  const seconds = LIMITS.uploadUrlSeconds;
  const expiresAt = new Date(now.getTime() + seconds * 1000).toISOString();
  const { multipartThresholdBytes, partBytes } = deps.uploadSizes;
  if (file.bodyBytes <= multipartThresholdBytes) {
    return { upload: { url: await deps.vault.presignPut(id, file.bodyBytes, seconds), expiresAt } };
  }
  const uploadId = await deps.vault.startMultipart(id);
  const parts = await deps.vault.presignParts(
    id,
    uploadId,
    partSizes(file.bodyBytes, partBytes),
    seconds,
  );
  return { upload: { partBytes, parts, expiresAt }, uploadId };
}

/** The sizes of the parts of a body: `partBytes` each, the last one the rest. */
export function partSizes(bodyBytes: number, partBytes: number): number[] {
  const count = Math.ceil(bodyBytes / partBytes);
  return Array.from({ length: count }, (_, i) =>
    i < count - 1 ? partBytes : bodyBytes - partBytes * (count - 1),
  );
}
