// The page's way to PUT a body to a presigned URL: XMLHttpRequest, because fetch cannot report
// upload progress, so the bar would jump once per part instead of moving as bytes leave.
import { noEtag, vaultRefused, vaultUnreachable, type SendBytes } from '../../../core/transfer.ts';

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
        if (xhr.status < 200 || xhr.status >= 300) {
          return reject(vaultRefused(xhr.status, 'upload'));
        }
        const etag = xhr.getResponseHeader('ETag');
        if (etag === null || etag === '') return reject(noEtag(xhr.status));
        onSent(body.length);
        resolve(etag);
      });
    const unreachable = () => settle(() => reject(vaultUnreachable('upload')));
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
