// The delayed deletion of a read file's body (docs/design.md §3): an SQS queue the read Lambda sends
// `{key, versionId}` to with a delay, and the reaper Lambda it triggers, which deletes that exact
// version. What the reaper cannot delete after its tries goes to a dead-letter queue, which is alarmed.
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ApiFunction, FUNCTION_DEFAULTS } from './api-function.ts';
import { reaperStatements } from '../permissions.ts';

/** Deliveries of one message before it goes to the dead-letter queue. */
export const REAPER_MAX_RECEIVES = 5;

export interface BodyReaperProps {
  readonly stage: string;
  readonly vault: IBucket;
  readonly logRetention: RetentionDays;
  /** @default RemovalPolicy.DESTROY */
  readonly logRemovalPolicy?: RemovalPolicy;
  /** Powertools log level. @default 'INFO' */
  readonly logLevel?: string;
}

export class BodyReaper extends Construct {
  readonly queue: Queue;
  readonly deadLetters: Queue;
  readonly handler: ApiFunction;

  constructor(scope: Construct, id: string, props: BodyReaperProps) {
    super(scope, id);
    // A message holds an object key and a version id, no secret material: SQS's own key suffices, and
    // spares every sender and the reaper a KMS grant.
    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // The longest SQS keeps a message: time to find out why a deletion failed.
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Each message carries its own delay (the read sets it); none on the queue.
      deliveryDelay: Duration.seconds(0),
      // Six times the function's timeout, as Lambda advises for an SQS event source.
      visibilityTimeout: Duration.seconds(FUNCTION_DEFAULTS.timeout.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: REAPER_MAX_RECEIVES },
    });

    this.handler = new ApiFunction(this, 'Function', {
      entry: 'lambdas/reaper/handler.ts',
      description: `SecretSentry ${props.stage}: deletes read file bodies once their download URL expired`,
      logRetention: props.logRetention,
      ...(props.logRemovalPolicy ? { logRemovalPolicy: props.logRemovalPolicy } : {}),
      ...(props.logLevel ? { logLevel: props.logLevel } : {}),
      environment: { BUCKET_NAME: props.vault.bucketName, SECRETSENTRY_STAGE: props.stage },
    });
    for (const statement of reaperStatements(props.vault)) this.handler.role.addToPolicy(statement);
    // The event source grants the reaper's role what polling takes (receive, delete, visibility,
    // attributes) on this queue only.
    this.handler.function.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true }),
    );
  }
}
