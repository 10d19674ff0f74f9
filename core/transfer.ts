// A file's encrypted body to and from the vault through the presigned URLs the API mints
// (docs/design.md §3): one PUT or one PUT per part, retried part by part, and a counted download.
// Never through the API, never with a credential of ours: the URL is the only permission.
import type { SealRequest, Upload } from './contract.ts';

/** Bytes sent or received so far, of `total`. */
export interface Progress {
  readonly done: number;
  readonly total: number;
}

/**
 * Sends one body (a whole file's or one part's) with a PUT to a presigned URL and answers the ETag
 * S3 returned. `onSent` may be told of bytes as they go (the page's XHR can); a sender that cannot
 * tell calls it once with the full length. Throws TransferError.
 *
 * A sender marked `streams` is called as soon as its part starts to fill, with `filled(end)`, which
 * settles once `body[0, end)` holds the part's bytes (and rejects if the part never fills): it sends
 * while the rest is still being read and encrypted. Any other sender gets its part whole.
 */
export type SendBytes = ((
  url: string,
  body: Uint8Array,
  onSent: (bytes: number) => void,
  signal: AbortSignal,
  filled?: (end: number) => Promise<void>,
) => Promise<string>) & { readonly streams?: boolean };

/** The vault refused or could not be reached; `retryable` when trying the same URL again may work. */
/** A failure a client words in its own language, rather than showing core's English message. */
export type TransferReason = 'file_changed' | 'bad_plan';

export class TransferError extends Error {
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly reason: TransferReason | undefined;
  constructor(
    message: string,
    options: { status?: number; retryable: boolean; cause?: unknown; reason?: TransferReason },
  ) {
    super(message, { cause: options.cause });
    this.name = 'TransferError';
    this.status = options.status;
    this.retryable = options.retryable;
    this.reason = options.reason;
  }
}

/** Tries of one part before the upload gives up, and the pause before each retry. */
export const PART_RETRY_DELAYS_MS = [500, 2000, 5000] as const;

/** Parts in flight at once: enough to fill a link, few enough that memory stays a few parts. */
export const DEFAULT_CONCURRENCY = 2;

const NO_REFERRER = {
  cache: 'no-store',
  credentials: 'omit',
  referrerPolicy: 'no-referrer',
  // A presigned URL answers itself; a redirect would be somebody else's.
  redirect: 'error',
} as const;

/**
 * What a status means for a URL that S3 signed: 403 is expired (or not ours), 5xx, 429 and 408 may
 * pass on a retry. Every sender (fetch here, the CLI's undici, the page's XHR) says it this way.
 */
export function vaultRefused(status: number, what: 'upload' | 'download'): TransferError {
  if (status === 403) {
    return new TransferError(
      `The ${what} link was refused (403): it has expired or was not signed for this request.`,
      { status, retryable: false },
    );
  }
  return new TransferError(`The vault answered ${status} to the ${what}.`, {
    status,
    retryable: status >= 500 || status === 429 || status === 408,
  });
}

/** The request never got an answer: worth another try. */
export function vaultUnreachable(what: 'upload' | 'download', cause?: unknown): TransferError {
  return new TransferError(`The vault could not be reached for the ${what}.`, {
    retryable: true,
    cause,
  });
}

/** A PUT answered without the ETag that sealing a multipart upload needs. */
export function noEtag(status: number): TransferError {
  return new TransferError('The vault did not answer an ETag (check its CORS ExposeHeaders).', {
    status,
    retryable: false,
  });
}

/** The default sender: fetch, which reports the bytes once, when the PUT is done. */
export function fetchSender(fetchImpl: typeof fetch = globalThis.fetch): SendBytes {
  return async (url, body, onSent, signal) => {
    let response: Response;
    try {
      response = await fetchImpl(url, {
        ...NO_REFERRER,
        method: 'PUT',
        body: body as BodyInit,
        signal,
      });
    } catch (error) {
      if (signal.aborted) throw error;
      throw vaultUnreachable('upload', error);
    }
    // The answer is small XML on failure, nothing on success; read it so the connection is reused.
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw vaultRefused(response.status, 'upload');
    const etag = response.headers.get('etag');
    if (etag === null || etag === '') throw noEtag(response.status);
    onSent(body.length);
    return etag;
  };
}

export interface UploadOptions {
  readonly send?: SendBytes;
  readonly onProgress?: (progress: Progress) => void;
  /** @default DEFAULT_CONCURRENCY */
  readonly concurrency?: number;
  readonly retryDelaysMs?: readonly number[];
  readonly signal?: AbortSignal;
}

/**
 * Uploads exactly `bodyBytes` bytes of `body` where `upload` says, and answers what seal takes. A
 * body that ends early or goes on is refused (a file changed while it was being read). Memory: at
 * most `concurrency` parts (or the one body of a single PUT) at a time.
 */
export async function uploadBody(
  upload: Upload,
  body: ReadableStream<Uint8Array>,
  bodyBytes: number,
  options: UploadOptions = {},
): Promise<SealRequest> {
  const send = options.send ?? fetchSender();
  const delays = options.retryDelaysMs ?? PART_RETRY_DELAYS_MS;
  const plan: { url: string; partNumber?: number; size: number }[] = [];
  if ('url' in upload) {
    plan.push({ url: upload.url, size: bodyBytes });
  } else {
    const expected = Math.ceil(bodyBytes / upload.partBytes);
    if (upload.partBytes <= 0 || upload.parts.length !== expected) {
      throw new TransferError('The service answered an upload plan that does not fit the file.', {
        retryable: false,
        reason: 'bad_plan',
      });
    }
    upload.parts.forEach((part, index) => {
      const size = Math.min(upload.partBytes, bodyBytes - index * upload.partBytes);
      plan.push({ url: part.url, partNumber: part.partNumber, size });
    });
  }

  options.signal?.throwIfAborted();
  const abort = new AbortController();
  const stop = () => abort.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', stop, { once: true });
  const sent = new Array<number>(plan.length).fill(0);
  let sentTotal = 0;
  const report = (index: number, bytes: number) => {
    sentTotal += bytes - sent[index]!;
    sent[index] = bytes;
    options.onProgress?.({ done: sentTotal, total: bodyBytes });
  };

  async function sendWithRetries(
    index: number,
    bytes: Uint8Array,
    filled?: (end: number) => Promise<void>,
  ): Promise<string> {
    const step = plan[index]!;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await send(step.url, bytes, (n) => report(index, n), abort.signal, filled);
      } catch (error) {
        report(index, 0);
        const retryable = error instanceof TransferError && error.retryable;
        if (!retryable || attempt >= delays.length || abort.signal.aborted) throw error;
        await sleep(delays[attempt]!, abort.signal);
      }
    }
  }

  const reader = body.getReader();
  let carry: Uint8Array | undefined;
  // Part buffers are reused once their part is uploaded: a 1 GiB body would otherwise leave 64
  // buffers of 16 MiB for the garbage collector, which frees them later than memory would like.
  const spare: Uint8Array[] = [];
  /**
   * The next `size` bytes of the body, read into a buffer no part in flight uses: `bytes` at once,
   * `filled(end)` as they arrive, `done` once all are there.
   */
  function take(size: number): PartFill {
    const reused = spare.pop();
    const bytes =
      reused !== undefined && reused.length >= size
        ? reused.subarray(0, size)
        : new Uint8Array(size);
    let filledTo = 0;
    let failed: { error: unknown } | undefined;
    const waiting: { end: number; resolve: () => void; reject: (error: unknown) => void }[] = [];
    const wake = () => {
      for (let i = waiting.length - 1; i >= 0; i -= 1) {
        const waiter = waiting[i]!;
        if (failed !== undefined) waiter.reject(failed.error);
        else if (waiter.end <= filledTo) waiter.resolve();
        else continue;
        waiting.splice(i, 1);
      }
    };
    const done = (async () => {
      while (filledTo < size) {
        let chunk = carry;
        carry = undefined;
        if (chunk === undefined) {
          const next = await reader.read();
          if (next.done) throw changedWhileReading();
          chunk = next.value;
        }
        const part = Math.min(size - filledTo, chunk.length);
        bytes.set(chunk.subarray(0, part), filledTo);
        filledTo += part;
        if (part < chunk.length) carry = chunk.subarray(part);
        wake();
      }
    })().catch((error: unknown) => {
      failed = { error };
      wake();
      throw error;
    });
    const filled = (end: number) =>
      failed !== undefined
        ? Promise.reject(failed.error)
        : end <= filledTo
          ? Promise.resolve()
          : new Promise<void>((resolve, reject) => waiting.push({ end, resolve, reject }));
    return { bytes, filled, done };
  }

  const etags = new Array<string>(plan.length);
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  try {
    for (let index = 0; index < plan.length; index += 1) {
      while (inFlight.size >= Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY)) {
        await Promise.race(inFlight);
      }
      if (failure !== undefined) throw failure;
      const part = take(plan[index]!.size);
      // A streaming sender starts now and sends what is read as it is read; any other, once whole.
      if (send.streams !== true) await part.done;
      const bytes = part.bytes;
      const work: Promise<void> = sendWithRetries(
        index,
        bytes,
        send.streams === true ? part.filled : undefined,
      ).then(
        (etag) => {
          etags[index] = etag;
          spare.push(new Uint8Array(bytes.buffer));
          inFlight.delete(work);
        },
        (error: unknown) => {
          failure ??= error;
          abort.abort();
          inFlight.delete(work);
        },
      );
      inFlight.add(work);
      await part.done;
    }
    if (carry !== undefined && carry.length > 0) throw changedWhileReading();
    const end = await reader.read();
    if (!end.done && end.value.length > 0) throw changedWhileReading();
    await Promise.all(inFlight);
    if (failure !== undefined) throw failure;
  } catch (error) {
    abort.abort();
    await Promise.allSettled(inFlight);
    await reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', stop);
  }
  if ('url' in upload) return {};
  return {
    parts: plan.map((step, index) => ({ partNumber: step.partNumber!, etag: etags[index]! })),
  };
}

/** Bytes a download may hold ahead of its reader: the socket keeps flowing while a chunk is written. */
const READ_AHEAD: QueuingStrategy<Uint8Array> = {
  highWaterMark: 4 * 1024 * 1024,
  size: (chunk) => chunk.byteLength,
};

interface PartFill {
  readonly bytes: Uint8Array;
  readonly filled: (end: number) => Promise<void>;
  readonly done: Promise<void>;
}

export interface DownloadOptions {
  readonly fetch?: typeof fetch;
  readonly onProgress?: (progress: Progress) => void;
  readonly signal?: AbortSignal;
}

/**
 * The encrypted body at a presigned URL, as a stream that counts what arrives and errors unless it
 * is exactly `bodyBytes` long. Throws TransferError when the vault refuses (an expired URL: 403).
 */
export async function downloadBody(
  url: string,
  bodyBytes: number,
  options: DownloadOptions = {},
): Promise<ReadableStream<Uint8Array>> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await fetchImpl(url, { ...NO_REFERRER, method: 'GET', signal: options.signal });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw vaultUnreachable('download', error);
  }
  if (!response.ok || response.body === null) {
    await response.body?.cancel().catch(() => undefined);
    throw vaultRefused(response.status, 'download');
  }
  const length = response.headers.get('content-length');
  if (length !== null && Number(length) !== bodyBytes) {
    await response.body.cancel().catch(() => undefined);
    throw new TransferError('The vault answered a body of another size than the one sealed.', {
      status: response.status,
      retryable: false,
    });
  }
  let received = 0;
  const counted = new TransformStream<Uint8Array, Uint8Array>(
    {
      transform(chunk, controller) {
        received += chunk.length;
        if (received > bodyBytes) {
          throw new TransferError('The download goes on past the size sealed.', {
            retryable: false,
          });
        }
        options.onProgress?.({ done: received, total: bodyBytes });
        controller.enqueue(chunk);
      },
      flush() {
        if (received !== bodyBytes) {
          throw new TransferError('The download was cut off before its end.', { retryable: true });
        }
      },
    },
    READ_AHEAD,
    READ_AHEAD,
  );
  return response.body.pipeThrough(counted);
}

function changedWhileReading(): TransferError {
  return new TransferError('The file changed while it was being read.', {
    retryable: false,
    reason: 'file_changed',
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
