import { createRequire as __secretsentryCreateRequire } from 'node:module';
const require = __secretsentryCreateRequire(import.meta.url);
import {
  noEtag,
  vaultRefused,
  vaultUnreachable
} from "./chunk-FWLTOBCD.js";
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
var send = async (url, body, onSent, signal, filled) => {
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
    response = await (0, import_undici.request)(url, {
      method: "PUT",
      body: Readable.from(slices(), { objectMode: false }),
      headers: { "content-length": String(body.length) },
      signal
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw vaultUnreachable("upload", error);
  }
  await response.body.dump().catch(() => void 0);
  const status = response.statusCode;
  if (status < 200 || status >= 300) throw vaultRefused(status, "upload");
  const etag = response.headers.etag;
  if (typeof etag !== "string" || etag === "") throw noEtag(status);
  onSent(body.length);
  return etag;
};
var undiciSender = Object.assign(send, { streams: true });
export {
  undiciSender
};
