// The page's way to PUT a body to a presigned URL: XMLHttpRequest, because fetch cannot report
// upload progress, so the bar would jump once per part instead of moving as bytes leave.
import { TransferError, type SendBytes } from '../../../core/transfer.ts';

/** The same meaning core/transfer.ts gives a status: 403 is an expired URL, 5xx and 429 may pass. */
function refused(status: number): TransferError {
  if (status === 403) {
    return new TransferError('The upload link was refused (403): it has expired.', {
      status,
      retryable: false,
    });
  }
  return new TransferError(`The vault answered ${status} to the upload.`, {
    status,
    retryable: status >= 500 || status === 429 || status === 408,
  });
}

export const xhrSender: SendBytes = (url, body, onSent, signal) =>
  new Promise<string>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    const settle = (outcome: () => void) => {
      signal.removeEventListener('abort', abort);
      outcome();
    };
    xhr.open('PUT', url);
    // The URL is the only permission: no cookies, no HTTP auth. (The page's no-referrer policy holds.)
    xhr.withCredentials = false;
    xhr.upload.onprogress = (event) => onSent(Math.min(event.loaded, body.length));
    xhr.onload = () =>
      settle(() => {
        if (xhr.status < 200 || xhr.status >= 300) return reject(refused(xhr.status));
        const etag = xhr.getResponseHeader('ETag');
        if (etag === null || etag === '') {
          return reject(
            new TransferError('The vault did not answer an ETag (check its CORS ExposeHeaders).', {
              status: xhr.status,
              retryable: false,
            }),
          );
        }
        onSent(body.length);
        resolve(etag);
      });
    const unreachable = () =>
      settle(() =>
        reject(
          new TransferError('The vault could not be reached for the upload.', { retryable: true }),
        ),
      );
    xhr.onerror = unreachable;
    xhr.ontimeout = unreachable;
    xhr.onabort = () =>
      settle(() =>
        reject(signal.reason ?? new DOMException('The upload was stopped.', 'AbortError')),
      );
    signal.addEventListener('abort', abort, { once: true });
    // As a Blob, not the bytes themselves: Chromium copies a byte body on the page's main thread
    // for the network inspector whenever one is attached (as in the browser tests), about 1.5 s a
    // 16 MiB part; a Blob is handed over by reference. The part's buffer is then free for reuse.
    xhr.send(new Blob([body as Uint8Array<ArrayBuffer>]));
  });
