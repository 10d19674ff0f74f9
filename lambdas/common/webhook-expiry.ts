// The one webhook event nothing does: expiry (docs/design.md §3). Nothing happens at a secret's
// expiry, so create, for a secret with a webhook, sets an alarm for it: in AWS a one-time EventBridge
// Scheduler schedule that puts a `secret.expired` notice on the webhook sender's queue and deletes
// itself; locally a timer (local/webhooks.ts). The sender delivers it only if the secret did expire
// with reads left (not burned, revoked or destroyed first), so the alarm is never taken back.
import type { MetricName } from '../../core/metrics.ts';
import type { SecretRecord } from './lifecycle.ts';
import type { Telemetry } from './powertools.ts';
import type { WebhookNotice } from './webhook-events.ts';
import { newWebhookId } from './webhook-signing.ts';

export interface ExpiryAlarm {
  /** Resolves once `notice` is set to be queued at `at` or shortly after, never before. */
  set(notice: WebhookNotice, at: Date): Promise<void>;
}

/** Where no alarm is configured: refused, and the caller logs it. */
export const NO_EXPIRY_ALARM: ExpiryAlarm = {
  set: () => Promise.reject(new Error('no expiry alarm is configured here')),
};

/** The notice an alarm carries: the expiry's own time, and the reads the secret was created with. */
export function expiryNotice(
  record: Pick<SecretRecord, 'id' | 'expiresAt' | 'maxReads'>,
): WebhookNotice {
  return {
    id: record.id,
    type: 'secret.expired',
    remainingReads: record.maxReads,
    at: new Date(record.expiresAt).toISOString(),
    messageId: newWebhookId(),
  };
}

/**
 * Sets the expiry alarm of a secret with a webhook. Never fails the create: what could not be set is
 * logged by id and failure name and counted (`WebhookNotQueued`, alarmed), like a notice not queued.
 */
export async function setExpiryAlarm(
  deps: {
    readonly expiryAlarm: ExpiryAlarm;
    readonly count: (metric: MetricName) => void;
    readonly log: Pick<Telemetry['logger'], 'warn'>;
  },
  record: Pick<SecretRecord, 'id' | 'expiresAt' | 'maxReads' | 'webhook'>,
): Promise<void> {
  if (!record.webhook) return;
  try {
    await deps.expiryAlarm.set(expiryNotice(record), new Date(record.expiresAt));
  } catch (error) {
    deps.count('WebhookNotQueued');
    deps.log.warn('could not set the expiry alarm; secret.expired will not be sent', {
      id: record.id,
      failure: error instanceof Error ? error.name : typeof error,
    });
  }
}
