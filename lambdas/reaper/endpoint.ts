// The reaper's Lambda: SQS batches from the delay queue into the use case; the messages not done are
// reported as batch item failures, so only they come back.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { ReaperDeps } from '../common/deps.ts';
import { reapMessages } from './reap.ts';

export function createHandler(deps: ReaperDeps) {
  return middy<SQSEvent, SQSBatchResponse>()
    .use(injectLambdaContext(deps.logger, { resetKeys: true }))
    .handler(async (event) => {
      const failed = await reapMessages({ vault: deps.vault, log: deps.logger }, event.Records);
      return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
    });
}
