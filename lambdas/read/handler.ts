// The Lambda entry: its dependencies from the environment, once per cold start; the reaper's queue
// (REAPER_QUEUE_URL) and the webhook queue (WEBHOOK_QUEUE_URL).
import {
  deletionsFromEnvironment,
  depsFromEnvironment,
  webhooksFromEnvironment,
} from '../common/deps.ts';
import { createHandler } from './endpoint.ts';

export const handler = createHandler({
  ...depsFromEnvironment(),
  ...deletionsFromEnvironment(),
  ...webhooksFromEnvironment(),
});
