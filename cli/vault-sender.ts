// How the CLI PUTs a file's body to the vault's presigned URLs: undici's request, through the same
// dispatcher (and so the same proxy) as fetch. fetch copies a byte body before sending it; this
// sends the part's own bytes, in slices, so a part costs its size once and progress is counted as
// the bytes go.
import { Readable } from 'node:stream';
import { request } from 'undici';
import { TransferError, type SendBytes } from '../core/transfer.ts';

/** Progress is told per slice: small enough for a smooth line, large enough to cost nothing. */
const SLICE_BYTES = 256 * 1024;

export const undiciSender: SendBytes = async (url, body, onSent, signal) => {
  let sent = 0;
  function* slices() {
    for (let offset = 0; offset < body.length; offset += SLICE_BYTES) {
      const slice = body.subarray(offset, offset + SLICE_BYTES);
      yield slice;
      sent += slice.length;
      onSent(sent);
    }
  }
  let response;
  try {
    response = await request(url, {
      method: 'PUT',
      body: Readable.from(slices(), { objectMode: false }),
      headers: { 'content-length': String(body.length) },
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new TransferError('The vault could not be reached for the upload.', {
      retryable: true,
      cause: error,
    });
  }
  await response.body.dump().catch(() => undefined);
  const status = response.statusCode;
  if (status === 403) {
    throw new TransferError(
      'The upload link was refused (403): it has expired or was not signed for this request.',
      { status, retryable: false },
    );
  }
  if (status < 200 || status >= 300) {
    throw new TransferError(`The vault answered ${status} to the upload.`, {
      status,
      retryable: status >= 500 || status === 429 || status === 408,
    });
  }
  const etag = response.headers.etag;
  if (typeof etag !== 'string' || etag === '') {
    throw new TransferError('The vault did not answer an ETag.', { status, retryable: false });
  }
  onSent(body.length);
  return etag;
};
