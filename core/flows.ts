// The share and reveal flows (docs/design.md §2): the only place that strings the envelope, the API
// client and the link format together. The page, the CLI, `doctor` and the tests all call these.
import type { ApiClient } from './api.ts';
import {
  decryptBody,
  deriveBodyKey,
  encryptBody,
  encryptedBodyLength,
  plainLengthOf,
} from './body-stream.ts';
import type { Meta } from './contract.ts';
import { deriveReadToken, newSecretKeys, open, parseKey, seal, unlock } from './envelope.ts';
import { openManifest, sealManifest, type FileManifest } from './files.ts';
import { LIMITS } from './limits.ts';
import { buildLink, type ParsedLink } from './links.ts';
import {
  downloadBody,
  uploadBody,
  type DownloadOptions,
  type Progress,
  type SendBytes,
} from './transfer.ts';

export type { FileManifest, Progress };

/** The secret is larger than a link can carry: nothing was sent. */
export class SecretTooLargeError extends Error {
  constructor() {
    super(`The secret is too large (at most ${LIMITS.secretBytes / 1024} KiB).`);
    this.name = 'SecretTooLargeError';
  }
}

/** The file is larger than the service takes (1 GiB): nothing was sent. */
export class FileTooLargeError extends Error {
  constructor() {
    super('The file is too large (at most 1 GiB).');
    this.name = 'FileTooLargeError';
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
  /** Told before each step that takes time, for progress feedback. */
  readonly onStep?: (step: 'sealing' | 'storing') => void;
}

export interface SharedSecret {
  readonly id: string;
  /** `<page>/s/<id>#<K>`: the one-time link. */
  readonly link: string;
  /** K alone, for senders who send the key over another channel. */
  readonly key: string;
  /** `<page>/m/<id>#<manageToken>`: the sender's receipt and revoke link. */
  readonly manageLink: string;
  readonly expiresAt: string;
  readonly maxReads: number;
  readonly protectedByPassphrase: boolean;
}

/** Encrypts here, stores only ciphertext and hashes, and returns the links. */
export async function shareSecret(client: ApiClient, input: ShareInput): Promise<SharedSecret> {
  const plaintext =
    typeof input.secret === 'string' ? new TextEncoder().encode(input.secret) : input.secret;
  if (plaintext.length > LIMITS.secretBytes) throw new SecretTooLargeError();
  const withPassphrase = input.passphrase !== undefined && input.passphrase !== '';
  input.onStep?.('sealing');
  const sealed = await seal(plaintext, withPassphrase ? { passphrase: input.passphrase } : {});
  input.onStep?.('storing');
  const created = await client.create({
    ciphertext: sealed.ciphertext,
    readTokenHash: sealed.readTokenHash,
    ...(input.maxReads === undefined ? {} : { maxReads: input.maxReads }),
    ...(input.ttlSeconds === undefined ? {} : { ttlSeconds: input.ttlSeconds }),
    ...(sealed.passphrase ? { passphrase: sealed.passphrase } : {}),
  });
  return {
    id: created.id,
    link: buildLink('secret', input.pageOrigin, created.id, sealed.key),
    key: sealed.key,
    manageLink: buildLink('manage', input.pageOrigin, created.id, created.manageToken),
    expiresAt: created.expiresAt,
    maxReads: created.maxReads,
    protectedByPassphrase: withPassphrase,
  };
}

/** A file to share: a browser's `File`, or the CLI's view of a file on disk. */
export interface FileToShare {
  readonly name: string;
  readonly type?: string;
  readonly size: number;
  /** The file's bytes from the start; read once. */
  stream(): ReadableStream<Uint8Array>;
}

export interface ShareFileInput extends Omit<ShareInput, 'secret' | 'onStep'> {
  readonly file: FileToShare;
  readonly onStep?: (step: 'sealing' | 'uploading' | 'finishing') => void;
  /** Encrypted bytes uploaded so far, of the body's exact size. */
  readonly onProgress?: (progress: Progress) => void;
  /** How bytes are PUT (the page's sender reports progress as it goes). @default fetch */
  readonly send?: SendBytes;
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
}

/**
 * Shares a file (docs/design.md §3): creates it pending with its encrypted manifest, streams the
 * file through the body encryption straight to the vault, then seals it. Memory stays a few parts
 * whatever the file's size. If anything fails after the create, the pending secret is revoked, so
 * nothing half-uploaded can ever be read; its parts go with the vault's lifecycle rules.
 */
export async function shareFile(client: ApiClient, input: ShareFileInput): Promise<SharedSecret> {
  const bodyBytes = encryptedBodyLength(input.file.size);
  if (bodyBytes > LIMITS.fileBodyBytes) throw new FileTooLargeError();
  const withPassphrase = input.passphrase !== undefined && input.passphrase !== '';
  input.onStep?.('sealing');
  const keys = await newSecretKeys(withPassphrase ? { passphrase: input.passphrase } : {});
  const manifest = await sealManifest(
    { name: input.file.name, type: input.file.type ?? '', size: input.file.size },
    keys.contentKey,
  );
  const bodyKey = await deriveBodyKey(keys.contentKey);
  const created = await client.create({
    file: { manifest, bodyBytes },
    readTokenHash: keys.readTokenHash,
    ...(input.maxReads === undefined ? {} : { maxReads: input.maxReads }),
    ...(input.ttlSeconds === undefined ? {} : { ttlSeconds: input.ttlSeconds }),
    ...(keys.passphrase ? { passphrase: keys.passphrase } : {}),
  });
  let sealed;
  try {
    if (created.upload === undefined) throw new Error('the service answered no upload URL');
    input.onStep?.('uploading');
    const parts = await uploadBody(
      created.upload,
      input.file.stream().pipeThrough(encryptBody(bodyKey)),
      bodyBytes,
      {
        ...(input.send ? { send: input.send } : {}),
        ...(input.onProgress ? { onProgress: input.onProgress } : {}),
        ...(input.concurrency ? { concurrency: input.concurrency } : {}),
        ...(input.signal ? { signal: input.signal } : {}),
      },
    );
    // Cancelled after the last byte went: still nothing shared (the catch below revokes it).
    input.signal?.throwIfAborted();
    input.onStep?.('finishing');
    sealed = await client.seal(created.id, created.manageToken, parts);
  } catch (error) {
    await client.revoke(created.id, created.manageToken).catch(() => undefined);
    throw error;
  }
  return {
    id: created.id,
    link: buildLink('secret', input.pageOrigin, created.id, keys.key),
    key: keys.key,
    manageLink: buildLink('manage', input.pageOrigin, created.id, created.manageToken),
    expiresAt: sealed.expiresAt,
    maxReads: sealed.maxReads,
    protectedByPassphrase: withPassphrase,
  };
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
 * not a key, and the API's 404 when the secret is gone.
 */
export async function prepareReveal(
  client: ApiClient,
  link: Pick<ParsedLink, 'id' | 'credential'>,
): Promise<SecretToReveal> {
  const key = parseKey(link.credential);
  const { readToken } = await deriveReadToken(key);
  const meta = await client.meta(link.id, readToken);
  return { id: link.id, key, readToken, meta };
}

export interface RevealedText {
  readonly kind: 'text';
  readonly plaintext: Uint8Array;
  readonly remainingReads: number;
  readonly expiresAt: string;
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
    };
  }
  let plaintext: Uint8Array;
  try {
    plaintext = await open(read.ciphertext, secret.key, contentKey);
  } catch {
    throw new UndecryptableError();
  }
  return {
    kind: 'text',
    plaintext,
    remainingReads: read.remainingReads,
    expiresAt: read.expiresAt,
  };
}

/**
 * A revealed file's plaintext, streamed from the vault and decrypted record by record. Each record
 * is authenticated before it is passed on, but only a stream that ends without an error is the whole
 * file: a caller keeps what it wrote only then (BodyIntegrityError or TransferError otherwise).
 * `onProgress` counts encrypted bytes received.
 */
export async function openFileBody(
  file: RevealedFile,
  options: DownloadOptions = {},
): Promise<ReadableStream<Uint8Array>> {
  const body = await downloadBody(file.download.url, file.download.bodyBytes, options);
  return body.pipeThrough(decryptBody(file.download.key));
}
