// The expiry alarm in AWS (webhook-expiry.ts): a one-time EventBridge Scheduler schedule per secret
// with a webhook, which puts the `secret.expired` notice on the webhook sender's queue and deletes
// itself. Only create's entry imports this, so only its bundle carries the Scheduler client.
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { requireEnv } from './config.ts';
import { formatNotice, type WebhookNotice } from './webhook-events.ts';
import type { ExpiryAlarm } from './webhook-expiry.ts';

/**
 * EventBridge Scheduler fires within the minute it is set for, so the schedule is set for the first
 * whole minute after the expiry: never before it. `at(yyyy-mm-ddThh:mm:ss)`, in UTC.
 */
export function scheduleExpression(at: Date): string {
  const minute = 60_000;
  const next = new Date(Math.floor(at.getTime() / minute) * minute + minute);
  return `at(${next.toISOString().slice(0, 19)})`;
}

export interface SchedulerTarget {
  /** The schedule group the stack made for these alarms. */
  readonly groupName: string;
  /** The webhook sender's queue. */
  readonly queueArn: string;
  /** The role EventBridge Scheduler takes to send to that queue (create may pass only this one). */
  readonly roleArn: string;
}

/** In AWS: one one-time schedule per secret, deleted by the scheduler once it has fired. */
export class SchedulerExpiryAlarm implements ExpiryAlarm {
  readonly #createClient: () => SchedulerClient;
  #client: SchedulerClient | undefined;
  readonly #target: SchedulerTarget;

  constructor(createClient: () => SchedulerClient, target: SchedulerTarget) {
    this.#createClient = createClient;
    this.#target = target;
  }

  async set(notice: WebhookNotice, at: Date): Promise<void> {
    this.#client ??= this.#createClient();
    await this.#client.send(
      new CreateScheduleCommand({
        // Unique per secret; the id is no credential. A retry of a create that landed fails as a
        // conflict, which the caller logs: the first schedule stands.
        Name: `expiry-${notice.id}`,
        GroupName: this.#target.groupName,
        ScheduleExpression: scheduleExpression(at),
        ScheduleExpressionTimezone: 'UTC',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: {
          Arn: this.#target.queueArn,
          RoleArn: this.#target.roleArn,
          Input: formatNotice(notice),
          RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 3600 },
        },
      }),
    );
  }
}

/**
 * Create's expiry alarm from its environment: EXPIRY_SCHEDULE_GROUP, EXPIRY_TARGET_QUEUE_ARN and
 * EXPIRY_SCHEDULER_ROLE_ARN, read at cold start; the client is made at the first secret with a webhook.
 */
export function expiryAlarmFromEnvironment(): { expiryAlarm: ExpiryAlarm } {
  return {
    expiryAlarm: new SchedulerExpiryAlarm(() => new SchedulerClient({}), {
      groupName: requireEnv('EXPIRY_SCHEDULE_GROUP'),
      queueArn: requireEnv('EXPIRY_TARGET_QUEUE_ARN'),
      roleArn: requireEnv('EXPIRY_SCHEDULER_ROLE_ARN'),
    }),
  };
}
