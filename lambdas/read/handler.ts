// The Lambda entry: its dependencies from the environment, once per cold start; the reaper's queue
// (REAPER_QUEUE_URL) is read's alone.
import { deletionsFromEnvironment, depsFromEnvironment } from '../common/deps.ts';
import { createHandler } from './endpoint.ts';

export const handler = createHandler({ ...depsFromEnvironment(), ...deletionsFromEnvironment() });
