// Sharing and opening a file (docs/design.md §2): the file side of flows.ts, apart so that the page
// loads it, the transfer code and the body streams only when someone shares or saves a file.
import type { ApiClient } from './api.ts';
import {
  decryptBody,
  encryptBody,
  type BodyStreamOptions,
  type RecordCipherFactory,
} from './body-stream.ts';
import { deriveBodyKey, encryptedBodyLength } from './body-format.ts';
import { newSecretKeys } from './envelope.ts';
import { sealManifest } from './files.ts';
import { linksFor, type RevealedFile, type ShareInput, type SharedSecret } from './flows.ts';
import { LIMITS } from './limits.ts';
import {
  downloadBody,
  uploadBody,
  type DownloadOptions,
  type Progress,
  type SendBytes,
} from './transfer.ts';

export type { Progress };

/** The file is larger than the service takes (1 GiB): nothing was sent. */
export class FileTooLargeError extends Error {
  constructor() {
    super('The file is too large (at most 1 GiB).');
    this.name = 'FileTooLargeError';
  }
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
  /** The body's AES-GCM. @default WebCrypto */
  readonly cipher?: RecordCipherFactory;
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
  const links = await linksFor(keys, input);
  const created = await client.create({
    file: { manifest, bodyBytes },
    ...links.fields,
    ...(input.ttlSeconds === undefined ? {} : { ttlSeconds: input.ttlSeconds }),
    ...(keys.passphrase ? { passphrase: keys.passphrase } : {}),
    ...(input.notBefore === undefined ? {} : { notBefore: input.notBefore.toISOString() }),
    ...(input.webhookUrl === undefined ? {} : { webhook: { url: input.webhookUrl } }),
  });
  let sealed;
  try {
    if (created.upload === undefined) throw new Error('the service answered no upload URL');
    input.onStep?.('uploading');
    const parts = await uploadBody(
      created.upload,
      input.file
        .stream()
        .pipeThrough(encryptBody(bodyKey, input.cipher ? { cipher: input.cipher } : {})),
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
    ...links.build(input.pageOrigin, created.id, created.manageToken),
    expiresAt: sealed.expiresAt,
    ...(created.notBefore === undefined ? {} : { notBefore: created.notBefore }),
    ...(created.webhookSecret === undefined ? {} : { webhookSecret: created.webhookSecret }),
    maxReads: sealed.maxReads,
    protectedByPassphrase: withPassphrase,
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
  options: DownloadOptions & BodyStreamOptions = {},
): Promise<ReadableStream<Uint8Array>> {
  const body = await downloadBody(file.download.url, file.download.bodyBytes, options);
  return body.pipeThrough(
    decryptBody(file.download.key, options.cipher ? { cipher: options.cipher } : {}),
  );
}
