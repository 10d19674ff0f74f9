// What a Lambda entry reads from its environment, once per cold start; nothing below the entry reads it,
// so the local stack and the tests build the same handlers from plain values. The stores' variables are
// read by depsFromEnvironment (deps.ts), which keeps the SDK out of the Lambdas that touch no store.
import { loadFileConfig, loadHttpConfig, loadMetricsConfig, type FileConfig } from './config.ts';
import type { HttpDeps } from './http.ts';
import { createTelemetry } from './powertools.ts';

/** CORS_ORIGIN and SECRETSENTRY_STAGE; Powertools reads its own POWERTOOLS_* variables. */
export function httpFromEnvironment(): HttpDeps {
  return { ...loadHttpConfig(), ...createTelemetry(loadMetricsConfig().stage) };
}

/** MAX_FILE_BODY_BYTES, the stage's largest file: create's only (the CDK app sets it there). */
export function filesFromEnvironment(): FileConfig {
  return loadFileConfig();
}
