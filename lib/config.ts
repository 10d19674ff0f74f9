// Per-stage settings, read from cdk.json context (`secretsentry:stages`) and checked before any construct is built.
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

export const STAGES = ['dev', 'staging', 'prod'] as const;
export type StageName = (typeof STAGES)[number];

export const STAGES_CONTEXT_KEY = 'secretsentry:stages';

export interface StageConfig {
  readonly stage: StageName;
  /** API Gateway stage throttling: steady requests per second and burst. */
  readonly apiThrottle: { readonly rateLimit: number; readonly burstLimit: number };
  /** WAF rate-based rules: requests per IP per 5 minutes on the create and on the read (consuming) routes. */
  readonly wafRateLimits: { readonly create: number; readonly read: number };
  readonly logRetention: RetentionDays;
  /** Keep the key, vault and table when the stack is deleted (true outside dev). */
  readonly retainData: boolean;
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Where alarms are e-mailed; empty for none (the topic still exists for other subscribers). */
  readonly alarmEmail: string;
}

const RETENTIONS = new Set<number>(
  Object.values(RetentionDays).filter((v): v is number => typeof v === 'number'),
);
const LOG_LEVELS = new Set(['DEBUG', 'INFO', 'WARN', 'ERROR']);

function fail(stage: string, message: string): never {
  throw new Error(`cdk.json context "${STAGES_CONTEXT_KEY}.${stage}": ${message}`);
}

function positiveInt(stage: string, field: string, value: unknown, min = 1): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    fail(stage, `${field} must be an integer of at least ${min}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function record(stage: string, field: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) fail(stage, `${field} must be an object`);
  return value as Record<string, unknown>;
}

/** Validates one stage's raw context value; throws with the field at fault. */
export function parseStageConfig(stage: string, raw: unknown): StageConfig {
  if (!(STAGES as readonly string[]).includes(stage)) {
    throw new Error(`Unknown stage "${stage}"; expected one of ${STAGES.join(', ')}`);
  }
  const value = record(stage, 'stage', raw);
  const throttle = record(stage, 'apiThrottle', value.apiThrottle);
  const waf = record(stage, 'wafRateLimits', value.wafRateLimits);
  const retention = positiveInt(stage, 'logRetentionDays', value.logRetentionDays);
  if (!RETENTIONS.has(retention))
    fail(stage, `logRetentionDays ${retention} is not a CloudWatch Logs retention`);
  if (typeof value.retainData !== 'boolean') fail(stage, 'retainData must be true or false');
  if (stage !== 'dev' && !value.retainData) fail(stage, 'retainData must be true outside dev');
  if (typeof value.logLevel !== 'string' || !LOG_LEVELS.has(value.logLevel)) {
    fail(stage, `logLevel must be one of ${[...LOG_LEVELS].join(', ')}`);
  }
  const alarmEmail = value.alarmEmail ?? '';
  if (typeof alarmEmail !== 'string') fail(stage, 'alarmEmail must be a string');
  return {
    stage: stage as StageName,
    apiThrottle: {
      rateLimit: positiveInt(stage, 'apiThrottle.rateLimit', throttle.rateLimit),
      burstLimit: positiveInt(stage, 'apiThrottle.burstLimit', throttle.burstLimit),
    },
    // WAF's smallest rate limit is 10 requests per evaluation window.
    wafRateLimits: {
      create: positiveInt(stage, 'wafRateLimits.create', waf.create, 10),
      read: positiveInt(stage, 'wafRateLimits.read', waf.read, 10),
    },
    logRetention: retention as RetentionDays,
    retainData: value.retainData,
    logLevel: value.logLevel as StageConfig['logLevel'],
    alarmEmail,
  };
}

/** Every stage's configuration from the app's context. */
export function loadStageConfigs(context: unknown): StageConfig[] {
  if (typeof context !== 'object' || context === null) {
    throw new Error(`cdk.json context "${STAGES_CONTEXT_KEY}" is missing`);
  }
  const stages = context as Record<string, unknown>;
  for (const name of Object.keys(stages)) {
    if (!(STAGES as readonly string[]).includes(name)) {
      throw new Error(`Unknown stage "${name}"; expected one of ${STAGES.join(', ')}`);
    }
  }
  return STAGES.map((stage) => {
    if (!(stage in stages))
      throw new Error(`cdk.json context "${STAGES_CONTEXT_KEY}" has no "${stage}" stage`);
    return parseStageConfig(stage, stages[stage]);
  });
}
