// The Lambda entry: its dependencies from the environment, once per cold start: the table only, so
// no S3 client is built (or bundled) for a route that never touches the vault.
import { tableDepsFromEnvironment } from '../common/deps.ts';
import { createHandler } from './endpoint.ts';

export const handler = createHandler(tableDepsFromEnvironment());
