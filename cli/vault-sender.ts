// How the CLI PUTs a file's body to the vault's presigned URLs: undici's request, through the same
// dispatcher (and so the same proxy) as fetch. fetch copies a byte body before sending it; this
// sends the part's own bytes, in slices, as soon as each is read and encrypted (a streaming sender:
// core/transfer.ts), so a part costs its size once, the vault receives while the CLI encrypts, and
// progress is counted as the bytes go.
import { Readable } from 'node:stream';
import { request } from 'undici';
import { noEtag, vaultRefused, vaultUnreachable, type SendBytes } from '../core/transfer.ts';

/** Progress is told per slice: small enough for a smooth line, large enough to cost nothing. */
const SLICE_BYTES = 256 * 1024;

const send: SendBytes = async (url, body, onSent, signal, filled) => {
  let sent = 0;
  async function* slices() {
    for (let offset = 0; offset < body.length; offset += SLICE_BYTES) {
      const slice = body.subarray(offset, offset + SLICE_BYTES);
      await filled?.(offset + slice.length);
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
    throw vaultUnreachable('upload', error);
  }
  await response.body.dump().catch(() => undefined);
  const status = response.statusCode;
  if (status < 200 || status >= 300) throw vaultRefused(status, 'upload');
  const etag = response.headers.etag;
  if (typeof etag !== 'string' || etag === '') throw noEtag(status);
  onSent(body.length);
  return etag;
};

export const undiciSender: SendBytes = Object.assign(send, { streams: true });
