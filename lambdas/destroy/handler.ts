// The Lambda entry: its dependencies from the environment, once per cold start; like read, it sends
// a file body's delayed deletion to the reaper's queue (REAPER_QUEUE_URL), and its event to the
// webhook queue (WEBHOOK_QUEUE_URL).
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
