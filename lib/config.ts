// Per-stage settings, read from cdk.json context (`secretsentry:stages`) and checked before any construct is built.
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { LIMITS } from '../core/limits.ts';

export const STAGES = ['dev', 'staging', 'prod'] as const;
export type StageName = (typeof STAGES)[number];

export const STAGES_CONTEXT_KEY = 'secretsentry:stages';

export interface StageConfig {
  readonly stage: StageName;
  /** API Gateway stage throttling: steady requests per second and burst. */
  readonly apiThrottle: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * WAF rate-based rules: requests per IP per 5 minutes on the create and on the read (consuming) routes,
   * and on every request together (`any`, at least the other two).
   */
  readonly wafRateLimits: { readonly create: number; readonly read: number; readonly any: number };
  /**
   * The largest file body (encrypted, bytes) a create accepts in this stage, at most
   * `LIMITS.fileBodyBytes` (the body of a 1 GiB file): what one sender can make the vault hold.
   */
  readonly maxFileBodyBytes: number;
  readonly logRetention: RetentionDays;
  /** Keep the key, vault and table when the stack is deleted (true outside dev). */
  readonly retainData: boolean;
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /**
   * Where alarms are e-mailed by default; the deploy may override it with the stack parameter
   * `AlarmEmail`. prod refuses to deploy without one (a CloudFormation rule), other stages may go without.
   */
  readonly alarmEmail: string;
  /**
   * The stage's CDK bootstrap qualifier: its own asset bucket and roles, so no stage can publish assets
   * or deploy through another's (docs/oidc-bootstrap.md). Distinct per stage.
   */
  readonly qualifier: string;
  /** The one AWS account this stage may be deployed to; empty to take the caller's (not recommended). */
  readonly account: string;
  /** Roles (ARNs) that administer the stage's KMS key besides the CloudFormation execution role. */
  readonly keyAdminArns: readonly string[];
}

const RETENTIONS = new Set<number>(
  Object.values(RetentionDays).filter((v): v is number => typeof v === 'number'),
);
const LOG_LEVELS = new Set(['DEBUG', 'INFO', 'WARN', 'ERROR']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** What `cdk bootstrap --qualifier` accepts. */
const QUALIFIER = /^[a-z0-9]{1,10}$/;
const ACCOUNT = /^\d{12}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

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
  if (alarmEmail !== '' && !EMAIL.test(alarmEmail))
    fail(stage, `alarmEmail "${alarmEmail}" is not an e-mail address`);
  if (typeof value.qualifier !== 'string' || !QUALIFIER.test(value.qualifier)) {
    fail(
      stage,
      'qualifier must be 1 to 10 lower-case letters or digits (a CDK bootstrap qualifier)',
    );
  }
  const account = value.account ?? '';
  if (typeof account !== 'string' || (account !== '' && !ACCOUNT.test(account))) {
    fail(stage, 'account must be a 12-digit AWS account id, or empty');
  }
  const keyAdminArns = value.keyAdminArns ?? [];
  if (
    !Array.isArray(keyAdminArns) ||
    !keyAdminArns.every((a) => typeof a === 'string' && ROLE_ARN.test(a))
  ) {
    fail(
      stage,
      'keyAdminArns must be a list of IAM role ARNs (arn:aws:iam::<account>:role/<name>)',
    );
  }
  const wafRateLimits = {
    create: positiveInt(stage, 'wafRateLimits.create', waf.create, 10),
    read: positiveInt(stage, 'wafRateLimits.read', waf.read, 10),
    any: positiveInt(stage, 'wafRateLimits.any', waf.any, 10),
  };
  if (wafRateLimits.any < Math.max(wafRateLimits.create, wafRateLimits.read)) {
    fail(stage, 'wafRateLimits.any must be at least wafRateLimits.create and wafRateLimits.read');
  }
  const maxFileBodyBytes = positiveInt(stage, 'maxFileBodyBytes', value.maxFileBodyBytes);
  if (maxFileBodyBytes > LIMITS.fileBodyBytes)
    fail(stage, `maxFileBodyBytes must be at most ${LIMITS.fileBodyBytes} (LIMITS.fileBodyBytes)`);
  return {
    stage: stage as StageName,
    apiThrottle: {
      rateLimit: positiveInt(stage, 'apiThrottle.rateLimit', throttle.rateLimit),
      burstLimit: positiveInt(stage, 'apiThrottle.burstLimit', throttle.burstLimit),
    },
    // WAF's smallest rate limit is 10 requests per evaluation window.
    wafRateLimits,
    maxFileBodyBytes,
    logRetention: retention as RetentionDays,
    retainData: value.retainData,
    logLevel: value.logLevel as StageConfig['logLevel'],
    alarmEmail,
    qualifier: value.qualifier,
    account,
    keyAdminArns: keyAdminArns as string[],
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
  const configs = STAGES.map((stage) => {
    if (!(stage in stages))
      throw new Error(`cdk.json context "${STAGES_CONTEXT_KEY}" has no "${stage}" stage`);
    return parseStageConfig(stage, stages[stage]);
  });
  const qualifiers = new Set(configs.map((c) => c.qualifier));
  if (qualifiers.size !== configs.length) {
    throw new Error(
      `cdk.json context "${STAGES_CONTEXT_KEY}": every stage needs its own qualifier, so no stage can ` +
        "deploy through another's bootstrap roles",
    );
  }
  return configs;
}
