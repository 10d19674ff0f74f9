// One attempt to deliver one signed event to a sender's webhook. The URL is checked and resolved
// again at send time (its DNS may have changed since create), and the socket is pinned to the very
// address that was checked. Retrying is the caller's (the queue's) business: this says whether to.
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { signWebhook, WebhookSigningError, type WebhookHeaders } from './webhook-signing.ts';
import {
  checkWebhookUrl,
  resolveWebhookTarget,
  WebhookUrlError,
  type ResolveOptions,
  type WebhookTarget,
} from './webhook-target.ts';

/** A receiver gets this long for everything: resolving, connecting, answering. */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5000;
/** Enough of a receiver's answer to end it cleanly; the rest is not read. */
const MAX_RESPONSE_BYTES = 4096;
const USER_AGENT = 'SecretSentry-Webhook/1';

export interface WebhookDelivery {
  readonly url: string;
  /** The `whsec_` secret given to the sender at create. */
  readonly secret: string;
  /** The event's id, the same on every attempt. */
  readonly id: string;
  /** The event, from `webhookEvent`. */
  readonly body: string;
}

export interface DeliveryOptions extends ResolveOptions {
  /** The signature's timestamp. */
  readonly now: () => Date;
  /** @default DEFAULT_WEBHOOK_TIMEOUT_MS */
  readonly timeoutMs?: number;
}

/**
 * Why an attempt failed. `refused`: the URL or its address is not one the service calls;
 * `invalid`: the stored secret or id cannot be signed; `status`: the receiver answered other than 2xx.
 */
export type WebhookFailure =
  'refused' | 'invalid' | 'unresolvable' | 'network' | 'timeout' | 'status';

/** A failed attempt. Its message names what failed, never the URL (its query may hold a token). */
export class WebhookDeliveryError extends Error {
  readonly failure: WebhookFailure;
  /** True when a later attempt may succeed. */
  readonly retryable: boolean;
  /** The receiver's status, for `status` failures. */
  readonly status: number | undefined;
  constructor(failure: WebhookFailure, retryable: boolean, detail: string, status?: number) {
    super(`Webhook not delivered: ${detail}`);
    this.name = new.target.name;
    this.failure = failure;
    this.retryable = retryable;
    this.status = status;
  }
}

const timedOut = (timeoutMs: number) =>
  new WebhookDeliveryError('timeout', true, `no answer within ${timeoutMs} ms.`);

/** Node's error code only: its messages can carry the address and the TLS names, which is noise here. */
const networkFailure = (error: unknown) => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error';
  return new WebhookDeliveryError('network', true, `the connection failed (${code}).`);
};

/** A host that does not resolve may be a DNS hiccup and is retried; a refused one stays refused. */
function refusal(error: WebhookUrlError): WebhookDeliveryError {
  if (error.reason === 'unresolvable') {
    return new WebhookDeliveryError('unresolvable', true, error.message);
  }
  return new WebhookDeliveryError('refused', false, error.message);
}

/** The status's verdict: 2xx delivered; 408, 429 and 5xx worth retrying; the rest final. */
function failureFor(status: number): WebhookDeliveryError | undefined {
  if (status >= 200 && status < 300) return undefined;
  const retryable = status === 408 || status === 429 || status >= 500;
  // A redirect could point anywhere, a private address included; following it would undo the check.
  const why = status >= 300 && status < 400 ? '; redirects are not followed.' : '.';
  return new WebhookDeliveryError(
    'status',
    retryable,
    `the receiver answered ${status}${why}`,
    status,
  );
}

function sign(delivery: WebhookDelivery, now: Date): WebhookHeaders {
  try {
    const timestamp = Math.floor(now.getTime() / 1000);
    return signWebhook(delivery.secret, { id: delivery.id, timestamp, body: delivery.body });
  } catch (error) {
    if (error instanceof WebhookSigningError) {
      throw new WebhookDeliveryError('invalid', false, error.message);
    }
    throw error;
  }
}

async function checkedTarget(url: string, options: ResolveOptions): Promise<WebhookTarget> {
  try {
    return await resolveWebhookTarget(checkWebhookUrl(url, options), options);
  } catch (error) {
    throw error instanceof WebhookUrlError ? refusal(error) : error;
  }
}

/** `work`, or a timeout failure if `deadline` fires first (a lookup cannot be cancelled, only left). */
function beforeDeadline<T>(work: Promise<T>, deadline: AbortSignal, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onDeadline = () => reject(timedOut(timeoutMs));
    if (deadline.aborted) return onDeadline();
    deadline.addEventListener('abort', onDeadline, { once: true });
    work.then(resolve, reject).finally(() => deadline.removeEventListener('abort', onDeadline));
  });
}

/**
 * A lookup that answers the checked address whatever name it is asked: the socket goes where the check
 * looked, while Host and SNI keep the name. Used only for names; Node connects to IP literals directly.
 */
function pinnedLookup(target: WebhookTarget): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}

function openRequest(target: WebhookTarget, headers: WebhookHeaders, body: string): ClientRequest {
  const request = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return request(target.url, {
    method: 'POST',
    headers: {
      ...headers,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'user-agent': USER_AGENT,
    },
    // A fresh connection each time: a pooled one could have been opened to an address checked earlier.
    agent: false,
    lookup: pinnedLookup(target),
  });
}

/** Reads the answer until its end or {@link MAX_RESPONSE_BYTES}, keeping none of it, then `done`. */
function discardBody(response: IncomingMessage, done: () => void): void {
  let received = 0;
  response.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received >= MAX_RESPONSE_BYTES) done();
  });
  response.on('end', done);
  response.on('error', done);
}

/**
 * POSTs `body` and resolves with the receiver's status once its answer has been read (or cut off).
 * Once the status is in, nothing later changes it: a receiver that said 200 and then stalls was told.
 */
function post(
  target: WebhookTarget,
  headers: WebhookHeaders,
  body: string,
  deadline: AbortSignal,
  timeoutMs: number,
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    if (deadline.aborted) return reject(timedOut(timeoutMs));
    let status: number | undefined;
    const request = openRequest(target, headers, body);
    // Settles once (later calls find the promise settled) and always closes the connection. Once
    // the status is in, it is the outcome, whatever `failure` this is called with.
    const finish = (failure?: WebhookDeliveryError) => {
      deadline.removeEventListener('abort', onDeadline);
      request.destroy();
      if (status !== undefined) resolve(status);
      else reject(failure ?? networkFailure(undefined));
    };
    const onDeadline = () => finish(timedOut(timeoutMs));
    deadline.addEventListener('abort', onDeadline, { once: true });
    request.on('error', (error) => finish(networkFailure(error)));
    request.on('response', (response) => {
      status = response.statusCode ?? 0;
      discardBody(response, () => finish());
    });
    request.end(body);
  });
}

/**
 * One attempt to deliver an event: resolves when the receiver answered 2xx, else throws a
 * {@link WebhookDeliveryError} that says whether to try again. Never slower than `timeoutMs`.
 */
export async function deliverWebhook(
  delivery: WebhookDelivery,
  options: DeliveryOptions,
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  try {
    const headers = sign(delivery, options.now());
    const target = await beforeDeadline(
      checkedTarget(delivery.url, options),
      deadline.signal,
      timeoutMs,
    );
    const status = await post(target, headers, delivery.body, deadline.signal, timeoutMs);
    const failure = failureFor(status);
    if (failure) throw failure;
  } finally {
    clearTimeout(timer);
  }
}
