// The Lambda entry: the HTTP edge's configuration from the environment, once per cold start.
import { httpFromEnvironment } from '../common/environment.ts';
import { createHandler } from './endpoint.ts';

export const handler = createHandler({ http: httpFromEnvironment() });
