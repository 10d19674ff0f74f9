// The Lambda entry: its dependencies from the environment, once per cold start; the stage's largest
// file (MAX_FILE_BODY_BYTES) and the expiry alarms (EXPIRY_*) are create's alone.
import { depsFromEnvironment } from '../common/deps.ts';
import { filesFromEnvironment } from '../common/environment.ts';
import { expiryAlarmFromEnvironment } from '../common/expiry-scheduler.ts';
import { createHandler } from './endpoint.ts';

export const handler = createHandler({
  ...depsFromEnvironment(),
  ...filesFromEnvironment(),
  ...expiryAlarmFromEnvironment(),
});
