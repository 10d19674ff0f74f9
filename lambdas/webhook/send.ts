// The webhook sender's use case: a batch of notices from its queue, each delivered (or dropped) by
// sendNotice; those to try again are reported back, and SQS brings them again after a pause that
// doubles with each receive, until the dead-letter queue (alarmed) takes them.
import { parseNotice } from '../common/webhook-events.ts';
import { sendNotice, type SendDeps } from '../common/webhook-send.ts';

export interface QueuedNotice {
  readonly messageId: string;
  readonly body: string;
  /** How many times SQS has delivered it, this one included. */
  readonly receiveCount: number;
}

/** The pause before the next try after `receiveCount` deliveries: 30 s, 60 s, 120 s, … at most 15 min. */
export const retryDelaySeconds = (receiveCount: number): number =>
  Math.min(900, 30 * 2 ** Math.max(0, receiveCount - 1));

/** The messages to try again, with the pause each should wait first. */
export async function sendNotices(
  deps: SendDeps,
  messages: readonly QueuedNotice[],
): Promise<{ messageId: string; delaySeconds: number }[]> {
  const outcomes = await Promise.all(
    messages.map(async (message) => {
      const notice = parseNotice(message.body);
      if (!notice) {
        // Not one of ours: never retried into anything else.
        deps.log.warn('dropped a message that is not a webhook notice', {
          messageId: message.messageId,
        });
        return 'dropped' as const;
      }
      try {
        return await sendNotice(deps, notice);
      } catch (error) {
        deps.log.warn('webhook notice could not be prepared', {
          id: notice.id,
          failure: error instanceof Error ? error.name : typeof error,
        });
        return 'retry' as const;
      }
    }),
  );
  return messages.flatMap((message, i) =>
    outcomes[i] === 'retry'
      ? [{ messageId: message.messageId, delaySeconds: retryDelaySeconds(message.receiveCount) }]
      : [],
  );
}
