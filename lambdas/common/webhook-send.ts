// One delivery attempt of one queued notice, shared by the webhook sender Lambda (lambdas/webhook) and
// the local stack's sender: the handlers that queue notices never load this (nor the HTTP client).
import { receiptState, remainingReadsOf, type SecretRecord } from './lifecycle.ts';
import type { Telemetry } from './powertools.ts';
import type { WebhookNotice } from './webhook-events.ts';
import { deliverWebhook, WebhookDeliveryError } from './webhook-delivery.ts';
import { webhookEvent } from './webhook-signing.ts';

/** What one delivery attempt came to. */
export type SendOutcome = 'delivered' | 'dropped' | 'retry';

export interface SendDeps {
  readonly store: { get(id: string): Promise<SecretRecord | undefined> };
  readonly now: () => Date;
  readonly log: Pick<Telemetry['logger'], 'warn' | 'error'>;
  /** Lets a receiver on loopback in (the local stack's tests); never in AWS. */
  readonly allowLoopback?: boolean;
  readonly timeoutMs?: number;
}

/**
 * One attempt at one notice: the webhook is looked up in the table (a notice carries neither URL nor
 * secret), signed and posted. A secret without a webhook (or already purged) drops the notice; a
 * receiver that is down, slow or answers 5xx/429 is retried by the caller; one that refuses (other
 * 4xx, a redirect) or a URL that now resolves to a refused address is dropped, logged.
 */
export async function sendNotice(deps: SendDeps, notice: WebhookNotice): Promise<SendOutcome> {
  const record = await deps.store.get(notice.id);
  if (!record?.webhook) return 'dropped';
  let remainingReads = notice.remainingReads;
  if (notice.type === 'secret.expired') {
    // The expiry alarm is never taken back: it tells only a secret that expired with reads left.
    // Early (the scheduler's minute, a clock), it comes back; burned, revoked or destroyed first, never.
    const state = receiptState(record, deps.now());
    if (state === 'active' || state === 'pending') return 'retry';
    if (state !== 'expired' || record.state === 'pending') return 'dropped';
    remainingReads = remainingReadsOf(record);
  }
  const body = webhookEvent(
    notice.type,
    {
      id: notice.id,
      remainingReads,
      ...(notice.recipient === undefined ? {} : { recipient: notice.recipient }),
    },
    new Date(notice.at),
  );
  try {
    await deliverWebhook(
      { url: record.webhook.url, secret: record.webhook.secret, id: notice.messageId, body },
      {
        now: deps.now,
        ...(deps.allowLoopback ? { allowLoopback: true } : {}),
        ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
      },
    );
    return 'delivered';
  } catch (error) {
    const retryable = !(error instanceof WebhookDeliveryError) || error.retryable;
    deps.log.warn('webhook delivery failed', {
      id: notice.id,
      messageId: notice.messageId,
      retry: retryable,
      // Delivery errors are worded to hold no URL or secret; anything else is named, not quoted.
      failure:
        error instanceof WebhookDeliveryError
          ? error.message
          : error instanceof Error
            ? error.name
            : typeof error,
    });
    return retryable ? 'retry' : 'dropped';
  }
}
