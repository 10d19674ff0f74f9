// The Lambda entry: its dependencies from the environment, once per cold start.
import { depsFromEnvironment } from '../common/deps.ts';
import { createHandler } from './endpoint.ts';

export const handler = createHandler(depsFromEnvironment());
