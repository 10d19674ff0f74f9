import { createRequire as __secretsentryCreateRequire } from 'node:module';
const require = __secretsentryCreateRequire(import.meta.url);

// core/transfer.ts
var TransferError = class extends Error {
  status;
  retryable;
  reason;
  constructor(message, options) {
    super(message, { cause: options.cause });
    this.name = "TransferError";
    this.status = options.status;
    this.retryable = options.retryable;
    this.reason = options.reason;
  }
};
var PART_RETRY_DELAYS_MS = [500, 2e3, 5e3];
var DEFAULT_CONCURRENCY = 2;
var NO_REFERRER = {
  cache: "no-store",
  credentials: "omit",
  referrerPolicy: "no-referrer",
  // A presigned URL answers itself; a redirect would be somebody else's.
  redirect: "error"
};
function vaultRefused(status, what) {
  if (status === 403) {
    return new TransferError(
      `The ${what} link was refused (403): it has expired or was not signed for this request.`,
      { status, retryable: false }
    );
  }
  return new TransferError(`The vault answered ${status} to the ${what}.`, {
    status,
    retryable: status >= 500 || status === 429 || status === 408
  });
}
function vaultUnreachable(what, cause) {
  return new TransferError(`The vault could not be reached for the ${what}.`, {
    retryable: true,
    cause
  });
}
function noEtag(status) {
  return new TransferError("The vault did not answer an ETag (check its CORS ExposeHeaders).", {
    status,
    retryable: false
  });
}
function fetchSender(fetchImpl = globalThis.fetch) {
  return async (url, body, onSent, signal) => {
    let response;
    try {
      response = await fetchImpl(url, {
        ...NO_REFERRER,
        method: "PUT",
        body,
        signal
      });
    } catch (error) {
      if (signal.aborted) throw error;
      throw vaultUnreachable("upload", error);
    }
    await response.arrayBuffer().catch(() => void 0);
    if (!response.ok) throw vaultRefused(response.status, "upload");
    const etag = response.headers.get("etag");
    if (etag === null || etag === "") throw noEtag(response.status);
    onSent(body.length);
    return etag;
  };
}
async function uploadBody(upload, body, bodyBytes, options = {}) {
  const send = options.send ?? fetchSender();
  const delays = options.retryDelaysMs ?? PART_RETRY_DELAYS_MS;
  const plan = [];
  if ("url" in upload) {
    plan.push({ url: upload.url, size: bodyBytes });
  } else {
    const expected = Math.ceil(bodyBytes / upload.partBytes);
    if (upload.partBytes <= 0 || upload.parts.length !== expected) {
      throw new TransferError("The service answered an upload plan that does not fit the file.", {
        retryable: false,
        reason: "bad_plan"
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
  options.signal?.addEventListener("abort", stop, { once: true });
  const sent = new Array(plan.length).fill(0);
  let sentTotal = 0;
  const report = (index, bytes) => {
    sentTotal += bytes - sent[index];
    sent[index] = bytes;
    options.onProgress?.({ done: sentTotal, total: bodyBytes });
  };
  async function sendWithRetries(index, bytes, filled) {
    const step = plan[index];
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await send(step.url, bytes, (n) => report(index, n), abort.signal, filled);
      } catch (error) {
        report(index, 0);
        const retryable = error instanceof TransferError && error.retryable;
        if (!retryable || attempt >= delays.length || abort.signal.aborted) throw error;
        await sleep(delays[attempt], abort.signal);
      }
    }
  }
  const reader = body.getReader();
  let carry;
  const spare = [];
  function take(size) {
    const reused = spare.pop();
    const bytes = reused !== void 0 && reused.length >= size ? reused.subarray(0, size) : new Uint8Array(size);
    let filledTo = 0;
    let failed;
    const waiting = [];
    const wake = () => {
      for (let i = waiting.length - 1; i >= 0; i -= 1) {
        const waiter = waiting[i];
        if (failed !== void 0) waiter.reject(failed.error);
        else if (waiter.end <= filledTo) waiter.resolve();
        else continue;
        waiting.splice(i, 1);
      }
    };
    const done = (async () => {
      while (filledTo < size) {
        let chunk = carry;
        carry = void 0;
        if (chunk === void 0) {
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
    })().catch((error) => {
      failed = { error };
      wake();
      throw error;
    });
    const filled = (end) => failed !== void 0 ? Promise.reject(failed.error) : end <= filledTo ? Promise.resolve() : new Promise((resolve, reject) => waiting.push({ end, resolve, reject }));
    return { bytes, filled, done };
  }
  const etags = new Array(plan.length);
  const inFlight = /* @__PURE__ */ new Set();
  let failure;
  try {
    for (let index = 0; index < plan.length; index += 1) {
      while (inFlight.size >= Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY)) {
        await Promise.race(inFlight);
      }
      if (failure !== void 0) throw failure;
      const part = take(plan[index].size);
      if (send.streams !== true) await part.done;
      const bytes = part.bytes;
      const work = sendWithRetries(
        index,
        bytes,
        send.streams === true ? part.filled : void 0
      ).then(
        (etag) => {
          etags[index] = etag;
          spare.push(new Uint8Array(bytes.buffer));
          inFlight.delete(work);
        },
        (error) => {
          failure ??= error;
          abort.abort();
          inFlight.delete(work);
        }
      );
      inFlight.add(work);
      await part.done;
    }
    if (carry !== void 0 && carry.length > 0) throw changedWhileReading();
    const end = await reader.read();
    if (!end.done && end.value.length > 0) throw changedWhileReading();
    await Promise.all(inFlight);
    if (failure !== void 0) throw failure;
  } catch (error) {
    abort.abort();
    await Promise.allSettled(inFlight);
    await reader.cancel().catch(() => void 0);
    throw error;
  } finally {
    options.signal?.removeEventListener("abort", stop);
  }
  if ("url" in upload) return {};
  return {
    parts: plan.map((step, index) => ({ partNumber: step.partNumber, etag: etags[index] }))
  };
}
var READ_AHEAD = {
  highWaterMark: 4 * 1024 * 1024,
  size: (chunk) => chunk.byteLength
};
async function downloadBody(url, bodyBytes, options = {}) {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  let response;
  try {
    response = await fetchImpl(url, { ...NO_REFERRER, method: "GET", signal: options.signal });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw vaultUnreachable("download", error);
  }
  if (!response.ok || response.body === null) {
    await response.body?.cancel().catch(() => void 0);
    throw vaultRefused(response.status, "download");
  }
  const length = response.headers.get("content-length");
  if (length !== null && Number(length) !== bodyBytes) {
    await response.body.cancel().catch(() => void 0);
    throw new TransferError("The vault answered a body of another size than the one sealed.", {
      status: response.status,
      retryable: false
    });
  }
  let received = 0;
  const counted = new TransformStream(
    {
      transform(chunk, controller) {
        received += chunk.length;
        if (received > bodyBytes) {
          throw new TransferError("The download goes on past the size sealed.", {
            retryable: false
          });
        }
        options.onProgress?.({ done: received, total: bodyBytes });
        controller.enqueue(chunk);
      },
      flush() {
        if (received !== bodyBytes) {
          throw new TransferError("The download was cut off before its end.", { retryable: true });
        }
      }
    },
    READ_AHEAD,
    READ_AHEAD
  );
  return response.body.pipeThrough(counted);
}
function changedWhileReading() {
  return new TransferError("The file changed while it was being read.", {
    retryable: false,
    reason: "file_changed"
  });
}
function sleep(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

export {
  TransferError,
  vaultRefused,
  vaultUnreachable,
  noEtag,
  uploadBody,
  downloadBody
};
