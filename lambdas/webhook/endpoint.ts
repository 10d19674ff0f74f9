// The webhook sender's Lambda: SQS batches into the use case. A notice to try again gets its pause
// (ChangeMessageVisibility, which the event source's grant covers) and is reported as a batch item
// failure, so only it comes back, and after its last receive goes to the dead-letter queue.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { ChangeMessageVisibilityCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Telemetry } from '../common/powertools.ts';
import type { SendDeps } from '../common/webhook-send.ts';
import { sendNotices } from './send.ts';

export interface WebhookSenderDeps extends SendDeps {
  readonly logger: Telemetry['logger'];
  readonly sqs: () => SQSClient;
}

export function createHandler(deps: WebhookSenderDeps) {
  return middy<SQSEvent, SQSBatchResponse>()
    .use(injectLambdaContext(deps.logger, { resetKeys: true }))
    .handler(async (event) => {
      const retry = await sendNotices(
        deps,
        event.Records.map((record) => ({
          messageId: record.messageId,
          body: record.body,
          receiveCount: Number(record.attributes.ApproximateReceiveCount) || 1,
        })),
      );
      const byId = new Map(event.Records.map((record) => [record.messageId, record]));
      await Promise.all(
        retry.map(async ({ messageId, delaySeconds }) => {
          const record = byId.get(messageId);
          if (!record) return;
          // Best effort: without it, the queue's own visibility timeout paces the retry.
          await deps
            .sqs()
            .send(
              new ChangeMessageVisibilityCommand({
                QueueUrl: queueUrlOf(record.eventSourceARN),
                ReceiptHandle: record.receiptHandle,
                VisibilityTimeout: delaySeconds,
              }),
            )
            .catch(() => undefined);
        }),
      );
      return { batchItemFailures: retry.map(({ messageId }) => ({ itemIdentifier: messageId })) };
    });
}

/** arn:aws:sqs:REGION:ACCOUNT:NAME → https://sqs.REGION.amazonaws.com/ACCOUNT/NAME */
export function queueUrlOf(arn: string): string {
  const [, partition = 'aws', , region = '', account = '', name = ''] = arn.split(':');
  const domain = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://sqs.${region}.${domain}/${account}/${name}`;
}
