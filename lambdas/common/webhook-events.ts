// A sender's webhook (docs/design.md §3): what happened to a secret, told to the URL the sender gave at
// create, signed per Standard Webhooks, sent after the fact and never on the request's path. The
// handlers put a notice on a queue (SQS in AWS, in memory locally); a sender (webhook-send.ts, run by
// lambdas/webhook or the local stack) looks the secret's webhook up in the table and delivers it. A notice names
// the secret, the event and the reads left: no URL, no signing secret, nothing a reader sent.
import { jsonObject } from './messages.ts';
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { SECRET_ID } from '../../core/ids.ts';
import type { MetricName } from '../../core/metrics.ts';
import type { Telemetry } from './powertools.ts';
import type { SecretRecord } from './lifecycle.ts';
import { newWebhookId } from './webhook-signing.ts';

export const WEBHOOK_EVENT_TYPES = [
  'secret.read',
  'secret.burned',
  'secret.revoked',
  'secret.destroyed',
  'secret.locked',
  'secret.expired',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** One event to tell, as it travels on the queue. */
export interface WebhookNotice {
  readonly id: string;
  readonly type: WebhookEventType;
  readonly remainingReads: number;
  /** Which link, for a secret with several recipients (its number from 0); absent otherwise. */
  readonly recipient?: number;
  /** When it happened (ISO 8601): the event's `timestamp`, whenever it is delivered. */
  readonly at: string;
  /** The `webhook-id`, drawn once so that every retry carries the same one (receivers dedupe on it). */
  readonly messageId: string;
}

export interface WebhookQueue {
  /** Resolves once the notices are durably queued; rejects when they may not be. */
  enqueue(notices: readonly WebhookNotice[]): Promise<void>;
}

/** What this module logs through: the handlers' logger (deps.ts imports this module, not back). */
type Log = Pick<Telemetry['logger'], 'warn'>;

/** Where no queue is configured: refused, and the caller logs it. */
export const NO_WEBHOOK_QUEUE: WebhookQueue = {
  enqueue: () => Promise.reject(new Error('no webhook queue is configured here')),
};

/**
 * Tells the sender's webhook, if the secret has one, that these events happened. Never fails and
 * never throws: what it could not queue is logged (with the id and the failure's name) and counted,
 * and the request goes on as if nothing were wrong; a webhook is a courtesy, the receipt the record.
 */
export async function notifyWebhook(
  deps: {
    readonly webhooks: WebhookQueue;
    readonly now: () => Date;
    readonly count: (metric: MetricName) => void;
    readonly log: Pick<Log, 'warn'>;
  },
  record: Pick<SecretRecord, 'id' | 'webhook' | 'recipientIndex'>,
  types: readonly WebhookEventType[],
  remainingReads: number,
): Promise<void> {
  if (!record.webhook || types.length === 0) return;
  const at = deps.now().toISOString();
  const notices = types.map((type) => ({
    id: record.id,
    type,
    remainingReads,
    ...(record.recipientIndex === undefined ? {} : { recipient: record.recipientIndex }),
    at,
    messageId: newWebhookId(),
  }));
  try {
    await deps.webhooks.enqueue(notices);
  } catch (error) {
    deps.count('WebhookNotQueued');
    deps.log.warn('could not queue the webhook notice; it is not sent', {
      id: record.id,
      failure: error instanceof Error ? error.name : typeof error,
    });
  }
}

/** The message: the notice as JSON, nothing else. */
export const formatNotice = (notice: WebhookNotice): string =>
  JSON.stringify({
    id: notice.id,
    type: notice.type,
    remainingReads: notice.remainingReads,
    ...(notice.recipient === undefined ? {} : { recipient: notice.recipient }),
    at: notice.at,
    messageId: notice.messageId,
  });

/** A message back into a notice, or undefined when it is not one: the sender trusts no queue writer. */
export function parseNotice(text: string): WebhookNotice | undefined {
  const value = jsonObject(text);
  if (!value) return undefined;
  const { id, type, remainingReads, recipient, at, messageId, ...rest } = value;
  if (Object.keys(rest).length > 0) return undefined;
  if (typeof id !== 'string' || !SECRET_ID.test(id)) return undefined;
  if (!WEBHOOK_EVENT_TYPES.includes(type as WebhookEventType)) return undefined;
  if (typeof remainingReads !== 'number' || !Number.isInteger(remainingReads) || remainingReads < 0)
    return undefined;
  const isLink = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 100;
  if (recipient !== undefined && !isLink(recipient)) return undefined;
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) return undefined;
  if (typeof messageId !== 'string' || !/^msg_[A-Za-z0-9_-]{1,64}$/.test(messageId))
    return undefined;
  return {
    id,
    type: type as WebhookEventType,
    remainingReads,
    ...(recipient === undefined ? {} : { recipient: recipient as number }),
    at,
    messageId,
  };
}

/** In AWS: one batch on the webhook sender's queue. The client is made at the first notice. */
export class SqsWebhookQueue implements WebhookQueue {
  readonly #createClient: () => SQSClient;
  #sqs: SQSClient | undefined;
  readonly #queueUrl: string;

  constructor(createClient: () => SQSClient, queueUrl: string) {
    this.#createClient = createClient;
    this.#queueUrl = queueUrl;
  }

  async enqueue(notices: readonly WebhookNotice[]): Promise<void> {
    this.#sqs ??= this.#createClient();
    const out = await this.#sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: this.#queueUrl,
        Entries: notices.map((notice, index) => ({
          Id: String(index),
          MessageBody: formatNotice(notice),
        })),
      }),
    );
    if ((out.Failed ?? []).length > 0) throw new Error('SQS refused part of the batch');
  }
}
