import { createRequire as __secretsentryCreateRequire } from 'node:module';
const require = __secretsentryCreateRequire(import.meta.url);
import {
  TransferError
} from "./chunk-C64FFXTR.js";
import {
  require_undici
} from "./chunk-UV2IC7I6.js";
import {
  __toESM
} from "./chunk-FI25U3UK.js";

// cli/vault-sender.ts
var import_undici = __toESM(require_undici(), 1);
import { Readable } from "node:stream";
var SLICE_BYTES = 256 * 1024;
var undiciSender = async (url, body, onSent, signal) => {
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
    response = await (0, import_undici.request)(url, {
      method: "PUT",
      body: Readable.from(slices(), { objectMode: false }),
      headers: { "content-length": String(body.length) },
      signal
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new TransferError("The vault could not be reached for the upload.", {
      retryable: true,
      cause: error
    });
  }
  await response.body.dump().catch(() => void 0);
  const status = response.statusCode;
  if (status === 403) {
    throw new TransferError(
      "The upload link was refused (403): it has expired or was not signed for this request.",
      { status, retryable: false }
    );
  }
  if (status < 200 || status >= 300) {
    throw new TransferError(`The vault answered ${status} to the upload.`, {
      status,
      retryable: status >= 500 || status === 429 || status === 408
    });
  }
  const etag = response.headers.etag;
  if (typeof etag !== "string" || etag === "") {
    throw new TransferError("The vault did not answer an ETag.", { status, retryable: false });
  }
  onSent(body.length);
  return etag;
};
export {
  undiciSender
};
