// What a Lambda entry reads from its environment, once per cold start; nothing below the entry reads it,
// so the local stack and the tests build the same handlers from plain values. The stores' variables are
// read by depsFromEnvironment (deps.ts), which keeps the SDK out of the Lambdas that touch no store.
import { loadHttpConfig, loadMetricsConfig } from './config.ts';
import type { HttpDeps } from './http.ts';
import { createTelemetry } from './powertools.ts';

/** CORS_ORIGIN and SECRETSENTRY_STAGE; Powertools reads its own POWERTOOLS_* variables. */
export function httpFromEnvironment(): HttpDeps {
  return { ...loadHttpConfig(), ...createTelemetry(loadMetricsConfig().stage) };
}
