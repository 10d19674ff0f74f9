// Where a revealed file's plaintext goes: straight to a file the recipient picked (File System
// Access API), or, where that API is missing, into memory and then the browser's downloads. Either
// way nothing is kept unless the whole body arrived and authenticated (docs/design.md §2).
import { BodyIntegrityError } from '../../../core/body-stream.ts';
import { openFileBody, type Progress } from '../../../core/file-flows.ts';
import type { RevealedFile } from '../../../core/flows.ts';
import { TransferError } from '../../../core/transfer.ts';

import type { SaveHandle } from './save-start.ts';

export type { SaveHandle, SaveStart } from './save-start.ts';

export interface SaveOptions {
  readonly onProgress: (progress: Progress) => void;
  readonly signal: AbortSignal;
}

/**
 * Streams the plaintext into the picked file. On any failure the writable is aborted (its content is
 * discarded, not committed) and the file the picker created is removed where the browser allows it.
 */
export async function saveToFile(
  file: RevealedFile,
  handle: SaveHandle,
  options: SaveOptions,
): Promise<void> {
  let writable: WritableStream<Uint8Array> | undefined;
  try {
    writable = await handle.createWritable();
    const plaintext = await openFileBody(file, options);
    // pipeTo aborts the writable when the body errors or the signal fires, and closes it only at a
    // clean end: then, and only then, the browser commits the file.
    await plaintext.pipeTo(writable, { signal: options.signal });
  } catch (error) {
    if (writable && !writable.locked) await writable.abort(error).catch(() => undefined);
    await handle.remove?.().catch(() => undefined);
    throw error;
  }
}

/** Collects the plaintext in memory; a failure leaves nothing behind (the chunks go with it). */
export async function saveToMemory(file: RevealedFile, options: SaveOptions): Promise<Blob> {
  const plaintext = await openFileBody(file, options);
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  const reader = plaintext.getReader();
  const stop = () => void reader.cancel(options.signal.reason).catch(() => undefined);
  options.signal.addEventListener('abort', stop, { once: true });
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      chunks.push(next.value as Uint8Array<ArrayBuffer>);
    }
  } finally {
    options.signal.removeEventListener('abort', stop);
  }
  options.signal.throwIfAborted();
  // Never the sender's media type: the object URL is of this page's origin, and only ever a download.
  return new Blob(chunks, { type: 'application/octet-stream' });
}

/** Why saving failed, as a kind: the page words it in its language (`reveal:file.failed.*`). */
export type DownloadFailure =
  'damaged' | 'expired' | 'interrupted' | 'noRoom' | 'notAllowed' | 'browser';

/** Why saving a revealed file failed; the caller has already discarded whatever arrived. */
export function downloadFailure(error: unknown): DownloadFailure {
  if (error instanceof BodyIntegrityError) return 'damaged';
  if (error instanceof TransferError) {
    // 403: the download link has expired (it works for a few minutes after the reveal).
    if (error.status === 403) return 'expired';
    if (error.retryable) return 'interrupted';
    return 'damaged';
  }
  if (error instanceof DOMException && error.name === 'QuotaExceededError') return 'noRoom';
  if (error instanceof DOMException && error.name === 'NotAllowedError') return 'notAllowed';
  return 'browser';
}
