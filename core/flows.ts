// The share and reveal flows (docs/design.md §2): the only place that strings the envelope, the API
// client and the link format together. The page, the CLI, `doctor` and the tests all call these.
import type { ApiClient } from './api.ts';
import { deriveBodyKey, plainLengthOf } from './body-format.ts';
import type { CreateRequest, Meta, Receipt, RecipientReceipt } from './contract.ts';
import {
  checkKdfParams,
  checkRequestKey,
  deriveFillToken,
  linkReadToken,
  newRecipientKeys,
  newRequestKeys,
  newSecretKeys,
  encryptJwe,
  openLabel,
  parseLinkSecret,
  parseManageSecret,
  randomBytes,
  sealLabel,
  open,
  openRequestFill,
  parseKey,
  parsePublicKey,
  sealForRequest,
  unlock,
} from './envelope.ts';
import { toBase64url } from './base64url.ts';
import { openManifest, type FileManifest } from './files.ts';
import { LIMITS } from './limits.ts';
import { buildLink, type ParsedLink } from './links.ts';

export type { FileManifest };

/** The secret is larger than a link can carry: nothing was sent. */
export class SecretTooLargeError extends Error {
  constructor() {
    super(`The secret is too large (at most ${LIMITS.secretBytes / 1024} KiB).`);
    this.name = 'SecretTooLargeError';
  }
}

/** What the server returned does not decrypt with this link (changed, cut short, or not ours). */
export class UndecryptableError extends Error {
  constructor() {
    super('The secret could not be decrypted with this link.');
    this.name = 'UndecryptableError';
  }
}

export interface ShareInput {
  readonly secret: string | Uint8Array;
  /** Where links open: the page's origin (with any base path). */
  readonly pageOrigin: string;
  readonly maxReads?: number;
  readonly ttlSeconds?: number;
  /** Empty or absent: the link alone opens the secret. */
  readonly passphrase?: string;
  /** The recipient's page shows the secret hidden until asked (stored as a non-secret flag). */
  readonly hidden?: boolean;
  /** When the secret opens; absent: at once. After now and before the expiry, or the API refuses. */
  readonly notBefore?: Date;
  /** An https URL to post signed events to (read, burn, lock, destroy, revoke); absent: none. */
  readonly webhookUrl?: string;
  /**
   * Several recipients, each with its own link and reads (default 1), and a label only the sender
   * sees (at most 100 characters). Up to 20; `maxReads` is then each one's, not the secret's.
   */
  readonly recipients?: readonly RecipientInput[];
  /** Told before each step that takes time, for progress feedback. */
  readonly onStep?: (step: 'sealing' | 'storing') => void;
}

export interface RecipientInput {
  readonly label?: string;
  readonly maxReads?: number;
}

/** One recipient's link of a secret shared with several. */
export interface SharedLink {
  /** Its number, from 0, in the order given: how the receipt and revoke name it. */
  readonly index: number;
  readonly label?: string;
  /** `<page>/s/<id>#<K>.<t>`: this recipient's one-time link. */
  readonly link: string;
  readonly maxReads: number;
}

export interface SharedSecret {
  readonly id: string;
  /** `<page>/s/<id>#<K>`: the one-time link. */
  readonly link: string;
  /** K alone, for senders who send the key over another channel. */
  readonly key: string;
  /**
   * `<page>/m/<id>#<manageToken>`, or `…#<manageToken>.<labelKey>` when recipients have labels: the
   * sender's receipt and revoke link.
   */
  readonly manageLink: string;
  readonly expiresAt: string;
  /** When the secret opens, if the sender chose a time. */
  readonly notBefore?: string;
  /** With a webhook: the key its deliveries are signed with, answered this once. */
  readonly webhookSecret?: string;
  readonly maxReads: number;
  readonly protectedByPassphrase: boolean;
  /** Only with several recipients: each one's link, in order (`link` is then the first of them). */
  readonly recipients?: readonly SharedLink[];
}

/** Encrypts here, stores only ciphertext and hashes, and returns the links. */
export async function shareSecret(client: ApiClient, input: ShareInput): Promise<SharedSecret> {
  const plaintext =
    typeof input.secret === 'string' ? new TextEncoder().encode(input.secret) : input.secret;
  if (plaintext.length > LIMITS.secretBytes) throw new SecretTooLargeError();
  const withPassphrase = input.passphrase !== undefined && input.passphrase !== '';
  input.onStep?.('sealing');
  const { contentKey, ...sealed } = await newSecretKeys(
    withPassphrase ? { passphrase: input.passphrase } : {},
  );
  const ciphertext = await encryptJwe(plaintext, contentKey);
  const links = await linksFor(sealed, input);
  input.onStep?.('storing');
  const created = await client.create({
    ciphertext,
    ...links.fields,
    ...(input.ttlSeconds === undefined ? {} : { ttlSeconds: input.ttlSeconds }),
    ...(sealed.passphrase ? { passphrase: sealed.passphrase } : {}),
    ...(input.hidden ? { hidden: true } : {}),
    ...(input.notBefore === undefined ? {} : { notBefore: input.notBefore.toISOString() }),
    ...(input.webhookUrl === undefined ? {} : { webhook: { url: input.webhookUrl } }),
  });
  return {
    id: created.id,
    ...links.build(input.pageOrigin, created.id, created.manageToken),
    expiresAt: created.expiresAt,
    ...(created.notBefore === undefined ? {} : { notBefore: created.notBefore }),
    ...(created.webhookSecret === undefined ? {} : { webhookSecret: created.webhookSecret }),
    maxReads: created.maxReads,
    protectedByPassphrase: withPassphrase,
  };
}

/** The links of a new secret: what create takes for them, and how they are built from its answer. */
export interface LinkPlan {
  readonly fields:
    | { readonly readTokenHash: string; readonly maxReads?: number }
    | { readonly recipients: CreateRequest['recipients'] };
  build(
    pageOrigin: string,
    id: string,
    manageToken: string,
  ): Pick<SharedSecret, 'link' | 'key' | 'manageLink' | 'recipients'>;
}

/**
 * One link from K (the read token of K), or one per recipient (`K.t`), for a secret with these keys;
 * shared by texts and files.
 */
export async function linksFor(
  keys: { readonly key: string; readonly readTokenHash: string },
  input: Pick<ShareInput, 'maxReads' | 'recipients'>,
): Promise<LinkPlan> {
  if (!input.recipients) {
    return {
      fields: {
        readTokenHash: keys.readTokenHash,
        ...(input.maxReads === undefined ? {} : { maxReads: input.maxReads }),
      },
      build: (pageOrigin, id, manageToken) => ({
        link: buildLink('secret', pageOrigin, id, keys.key),
        key: keys.key,
        manageLink: buildLink('manage', pageOrigin, id, manageToken),
      }),
    };
  }
  const { min, max } = LIMITS.recipients;
  if (input.recipients.length < min || input.recipients.length > max)
    throw new RangeError(`a secret has ${min} to ${max} recipients`);
  const links = await recipientLinks(parseKey(keys.key), input.recipients);
  return {
    fields: { recipients: links.declared },
    build: (pageOrigin, id, manageToken) => {
      const recipients = links.shared.map(({ token, ...link }) => ({
        ...link,
        link: buildLink('secret', pageOrigin, id, `${keys.key}.${token}`),
      }));
      const manageSecret = links.labelKey ? `${manageToken}.${links.labelKey}` : manageToken;
      return {
        link: recipients[0]?.link ?? '',
        key: keys.key,
        manageLink: buildLink('manage', pageOrigin, id, manageSecret),
        recipients,
      };
    },
  };
}

/**
 * Each recipient's own link secret `t` and read token, and its label sealed under a label key drawn
 * for the manage link (only when some recipient has a label).
 */
async function recipientLinks(key: Uint8Array, recipients: readonly RecipientInput[]) {
  const labelled = recipients.some((r) => r.label !== undefined && r.label !== '');
  const labelKey = labelled ? randomBytes(32) : undefined;
  const made = await Promise.all(
    recipients.map(async (recipient, index) => {
      const keys = await newRecipientKeys(key);
      const label =
        labelKey && recipient.label ? await sealLabel(recipient.label, labelKey) : undefined;
      const maxReads = recipient.maxReads ?? LIMITS.maxReads.default;
      return {
        declared: {
          readTokenHash: keys.readTokenHash,
          ...(recipient.maxReads === undefined ? {} : { maxReads: recipient.maxReads }),
          ...(label === undefined ? {} : { label }),
        },
        shared: {
          index,
          ...(recipient.label ? { label: recipient.label } : {}),
          maxReads,
          token: keys.recipientToken,
        },
      };
    }),
  );
  return {
    declared: made.map((m) => m.declared),
    shared: made.map((m) => m.shared),
    ...(labelKey ? { labelKey: toBase64url(labelKey) } : {}),
  };
}

/** A receipt whose recipients' labels are decrypted with the manage link's label key, where it has one. */
export interface OpenedReceipt extends Omit<Receipt, 'recipients'> {
  readonly recipients?: readonly (Omit<RecipientReceipt, 'label'> & { readonly label?: string })[];
}

/**
 * The sender's receipt from a manage link's fragment (`manageToken`, or `manageToken.labelKey`): a
 * label that does not decrypt (another key, or none in the link) is left out, never shown as its JWE.
 */
export async function openReceipt(
  client: ApiClient,
  link: Pick<ParsedLink, 'id' | 'credential'>,
): Promise<OpenedReceipt> {
  const { manageToken, labelKey } = parseManageSecret(link.credential);
  const receipt = await client.receipt(link.id, manageToken);
  if (!receipt.recipients) return receipt;
  const recipients = await Promise.all(
    receipt.recipients.map(async ({ label, ...rest }) => {
      if (label === undefined || !labelKey) return rest;
      const opened = await openLabel(label, labelKey).catch(() => undefined);
      return opened === undefined ? rest : { ...rest, label: opened };
    }),
  );
  return { ...receipt, recipients };
}

/** A secret link checked against the API without reading: what the recipient is about to open. */
export interface SecretToReveal {
  readonly id: string;
  readonly key: Uint8Array;
  readonly readToken: string;
  readonly meta: Meta;
}

/**
 * The first step of a reveal: the link's key and read token, and the secret's metadata (reads left,
 * expiry, whether it needs a passphrase). Spends nothing. Throws a TypeError when the link's key is
 * not a key, the API's 404 when the secret is gone, and a KdfParamsError when the passphrase's salt
 * or iteration count is outside the bounds (so nobody types a passphrase this client will not use).
 */
export async function prepareReveal(
  client: ApiClient,
  link: Pick<ParsedLink, 'id' | 'credential'>,
): Promise<SecretToReveal> {
  const secret = parseLinkSecret(link.credential);
  const { readToken } = await linkReadToken(secret);
  const meta = await client.meta(link.id, readToken);
  if (meta.passphrase) checkKdfParams(meta.passphrase);
  return { id: link.id, key: secret.key, readToken, meta };
}

/**
 * What a read proved, kept for the recipient's "destroy it now": the read token and, for a protected
 * secret, the verifier the right passphrase gave. Held in memory only, like the key.
 */
export interface RecipientAccess {
  readonly id: string;
  readonly readToken: string;
  readonly verifier?: string;
}

export interface RevealedText {
  readonly kind: 'text';
  readonly plaintext: Uint8Array;
  readonly remainingReads: number;
  readonly expiresAt: string;
  readonly access: RecipientAccess;
}

/** A file whose read is spent: its manifest now, its body with `openFileBody` within minutes. */
export interface RevealedFile {
  readonly kind: 'file';
  readonly manifest: FileManifest;
  readonly remainingReads: number;
  readonly expiresAt: string;
  /** Until when `openFileBody` can fetch the body (a few minutes). */
  readonly downloadExpiresAt: string;
  readonly download: { readonly url: string; readonly bodyBytes: number; readonly key: Uint8Array };
  readonly access: RecipientAccess;
}

export type RevealedSecret = RevealedText | RevealedFile;

/**
 * Spends one read and decrypts here: a text whole, a file's manifest (its body follows with
 * `openFileBody`). A protected secret needs its passphrase; a wrong one answers the API's 401 and
 * counts towards destruction.
 */
export async function revealSecret(
  client: ApiClient,
  secret: SecretToReveal,
  options: {
    readonly passphrase?: string;
    readonly onStep?: (step: 'unlocking' | 'reading') => void;
  } = {},
): Promise<RevealedSecret> {
  if (secret.meta.passphrase) options.onStep?.('unlocking');
  const { contentKey, verifier } = await unlock(
    secret.key,
    secret.meta.passphrase,
    options.passphrase ?? '',
  );
  options.onStep?.('reading');
  const read = await client.read(secret.id, secret.readToken, verifier);
  const access: RecipientAccess = {
    id: secret.id,
    readToken: secret.readToken,
    ...(verifier === undefined ? {} : { verifier }),
  };
  const key = contentKey ?? secret.key;
  if ('manifest' in read) {
    let manifest: FileManifest;
    try {
      manifest = await openManifest(read.manifest, key, plainLengthOf(read.bodyBytes));
    } catch {
      throw new UndecryptableError();
    }
    return {
      kind: 'file',
      manifest,
      remainingReads: read.remainingReads,
      expiresAt: read.expiresAt,
      downloadExpiresAt: read.download.expiresAt,
      download: {
        url: read.download.url,
        bodyBytes: read.bodyBytes,
        key: await deriveBodyKey(key),
      },
      access,
    };
  }
  let plaintext: Uint8Array;
  try {
    plaintext =
      secret.meta.kind === 'request'
        ? await openRequestFill(read.ciphertext, secret.key)
        : await open(read.ciphertext, secret.key, contentKey);
  } catch {
    throw new UndecryptableError();
  }
  return {
    kind: 'text',
    plaintext,
    remainingReads: read.remainingReads,
    expiresAt: read.expiresAt,
    access,
  };
}

/**
 * The recipient ends a secret it has read while reads are left, with the credentials that read used.
 * Consumes nothing else; a secret already gone answers the API's 404.
 */
export async function destroyRevealed(client: ApiClient, access: RecipientAccess): Promise<void> {
  await client.destroy(access.id, access.readToken, access.verifier);
}

// ---- secret requests (docs/design.md §2): the requester asks, the holder fills ----

export interface RequestInput {
  /** Where links open: the page's origin (with any base path). */
  readonly pageOrigin: string;
  readonly ttlSeconds?: number;
}

export interface SecretRequest {
  readonly id: string;
  /** `<page>/f/<id>#<public key>`: for whoever holds the secret; it can fill the request once. */
  readonly fillLink: string;
  /** `<page>/s/<id>#<private key>`: the requester's, to read the secret once it is filled. */
  readonly retrieveLink: string;
  /** `<page>/m/<id>#<manageToken>`: the request's receipt, and revoke to withdraw it. */
  readonly manageLink: string;
  readonly expiresAt: string;
}

/**
 * Makes an X25519 key pair here and creates the request: the server gets the fill token's hash and the
 * key's thumbprint, never a key. Nothing is encrypted yet.
 */
export async function requestSecret(
  client: ApiClient,
  input: RequestInput,
): Promise<SecretRequest> {
  const keys = await newRequestKeys();
  const created = await client.create({
    request: { fillTokenHash: keys.fillTokenHash, keyId: keys.keyId },
    readTokenHash: keys.readTokenHash,
    ...(input.ttlSeconds === undefined ? {} : { ttlSeconds: input.ttlSeconds }),
  });
  return {
    id: created.id,
    fillLink: buildLink('fill', input.pageOrigin, created.id, keys.publicKey),
    retrieveLink: buildLink('secret', input.pageOrigin, created.id, keys.key),
    manageLink: buildLink('manage', input.pageOrigin, created.id, created.manageToken),
    expiresAt: created.expiresAt,
  };
}

/**
 * Encrypts the secret here to the public key in the fill link and fills the request with it, once.
 * Throws a TypeError for a link whose key is not a key, SecretTooLargeError before sending anything
 * too large, and the API's errors (404 gone, 409 `already_filled`).
 */
export async function fillSecretRequest(
  client: ApiClient,
  link: Pick<ParsedLink, 'id' | 'credential'>,
  secret: string | Uint8Array,
  options: { readonly onStep?: (step: 'sealing' | 'storing') => void } = {},
): Promise<{ readonly id: string; readonly expiresAt: string }> {
  const publicKey = parsePublicKey(link.credential);
  await checkRequestKey(link.credential);
  const plaintext = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  if (plaintext.length > LIMITS.secretBytes) throw new SecretTooLargeError();
  options.onStep?.('sealing');
  const ciphertext = await sealForRequest(plaintext, link.credential.replace(/^#/, ''));
  const { fillToken } = await deriveFillToken(publicKey);
  options.onStep?.('storing');
  const answer = await client.fill(link.id, fillToken, ciphertext);
  return { id: answer.id, expiresAt: answer.expiresAt };
}
