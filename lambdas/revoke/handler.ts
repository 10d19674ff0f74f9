// The Lambda entry: its dependencies from the environment, once per cold start; the webhook queue
// (WEBHOOK_QUEUE_URL) for a revoked secret's event.
import { depsFromEnvironment, webhooksFromEnvironment } from '../common/deps.ts';
import { createHandler } from './endpoint.ts';

export const handler = createHandler({ ...depsFromEnvironment(), ...webhooksFromEnvironment() });
