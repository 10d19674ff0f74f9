// A sender's webhook (docs/design.md §3): the queue read, destroy and revoke put notices on, and the
// Lambda it triggers, which looks each secret's webhook up in the table and posts the signed event.
// What still fails after its tries goes to a dead-letter queue, which is alarmed. A notice names a
// secret id, an event and a count: no URL, no signing secret, nothing a reader sent.
import { Duration, Stack, type RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ApiFunction, FUNCTION_DEFAULTS } from './api-function.ts';
import { routeKeyPolicyStatements, routeStatements, type AccessTargets } from '../permissions.ts';
import type { Route } from '../../core/routes.ts';

/** Deliveries of one notice before it goes to the dead-letter queue: tries over about 7.5 minutes. */
export const WEBHOOK_MAX_RECEIVES = 5;

/** What the sender touches: the item's webhook, read from the table; never the vault. */
export const WEBHOOK_SENDER_ACCESS = {
  name: 'webhookSender',
  access: { table: ['get'], vault: [] },
} as const satisfies { name: string; access: Route['access'] };

export interface WebhookSenderProps {
  readonly stage: string;
  readonly table: ITable;
  readonly key: IKey;
  readonly vault: AccessTargets['vault'];
  readonly logRetention: RetentionDays;
  /** @default RemovalPolicy.DESTROY */
  readonly logRemovalPolicy?: RemovalPolicy;
  /** Powertools log level. @default 'INFO' */
  readonly logLevel?: string;
}

export class WebhookSender extends Construct {
  readonly queue: Queue;
  readonly deadLetters: Queue;
  readonly handler: ApiFunction;
  /** Where create puts each secret's expiry alarm: one-time schedules that delete themselves. */
  readonly expiryGroup: CfnScheduleGroup;
  /** What EventBridge Scheduler takes to put an expiry notice on the queue, and nothing else. */
  readonly expiryRole: Role;

  constructor(scope: Construct, id: string, props: WebhookSenderProps) {
    super(scope, id);
    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.handler = new ApiFunction(this, 'Function', {
      entry: 'lambdas/webhook/handler.ts',
      description: `SecretSentry ${props.stage}: posts signed events to senders' webhooks`,
      logRetention: props.logRetention,
      ...(props.logRemovalPolicy ? { logRemovalPolicy: props.logRemovalPolicy } : {}),
      ...(props.logLevel ? { logLevel: props.logLevel } : {}),
      environment: { TABLE_NAME: props.table.tableName, SECRETSENTRY_STAGE: props.stage },
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Six times the function's timeout (a batch's five deliveries of at most 5 s run side by side),
      // as Lambda advises for an SQS event source; a failed notice sets its own, doubling, pause.
      visibilityTimeout: Duration.seconds(FUNCTION_DEFAULTS.timeout.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: WEBHOOK_MAX_RECEIVES },
    });
    const targets = { table: props.table, vault: props.vault, key: props.key };
    for (const statement of routeStatements(WEBHOOK_SENDER_ACCESS, targets))
      this.handler.role.addToPolicy(statement);
    for (const statement of routeKeyPolicyStatements(
      WEBHOOK_SENDER_ACCESS,
      props.key,
      this.handler.role,
    ))
      props.key.addToResourcePolicy(statement);
    // Expiry (docs/design.md §3): create sets a one-time schedule per secret with a webhook, in this
    // group, which puts a `secret.expired` notice on this queue as this role; the sender checks.
    this.expiryGroup = new CfnScheduleGroup(this, 'ExpiryAlarms', {
      name: `SecretSentry-${props.stage}-expiry`,
    });
    this.expiryRole = new Role(this, 'ExpiryAlarmRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
          ArnLike: {
            'aws:SourceArn': Stack.of(this).formatArn({
              service: 'scheduler',
              resource: 'schedule',
              resourceName: `${this.expiryGroup.ref}/*`,
            }),
          },
        },
      }),
      description: `SecretSentry ${props.stage}: expiry alarms put their notice on the webhook queue`,
    });
    this.expiryRole.addToPolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.queue.queueArn] }),
    );
    // Polling (receive, delete, visibility, attributes) on this queue only, from the event source.
    this.handler.function.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 5, reportBatchItemFailures: true }),
    );
  }
}
