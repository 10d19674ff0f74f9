// The whole app: three stages with the output contract, cdk-nag clean, alarms and dashboard, config checks.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ROUTES } from '../../core/routes.ts';
import { buildApp, cdkJsonContext } from '../../lib/app.ts';
import {
  STAGES,
  STAGES_CONTEXT_KEY,
  loadStageConfigs,
  parseStageConfig,
} from '../../lib/config.ts';
import { OUTPUT_KEYS, type SecretSentryStack } from '../../lib/secret-sentry-stack.ts';
import { FIXTURE_WEB_DIST, newApp } from './synth.ts';

let app: App;
let stacks: Record<string, SecretSentryStack>;
beforeAll(() => {
  app = newApp();
  stacks = buildApp(app, { webDist: FIXTURE_WEB_DIST });
});

const stagesContext = () =>
  structuredClone(cdkJsonContext()[STAGES_CONTEXT_KEY]) as Record<string, Record<string, unknown>>;

describe('stages', () => {
  it('builds one stack per stage named SecretSentry-<stage>', () => {
    expect(Object.keys(stacks).sort()).toEqual([...STAGES].sort());
    for (const stage of STAGES) expect(stacks[stage]?.stackName).toBe(`SecretSentry-${stage}`);
  });

  it('exports exactly the outputs the CLI doctor reads, in every stage', () => {
    for (const stage of STAGES) {
      const outputs = Template.fromStack(stacks[stage] as Stack).toJSON().Outputs as Record<
        string,
        unknown
      >;
      expect(Object.keys(outputs).sort()).toEqual([...OUTPUT_KEYS].sort());
    }
  });

  it('reads per-stage throttling, WAF limits, retention and removal policy from cdk.json', () => {
    const prod = Template.fromStack(stacks.prod as Stack);
    prod.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [Match.objectLike({ ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 })],
    });
    prod.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
    expect(loadStageConfigs(stagesContext()).map((c) => [c.stage, c.retainData])).toEqual([
      ['dev', false],
      ['staging', true],
      ['prod', true],
    ]);
  });

  it('fails when a stage is missing from cdk.json', () => {
    const context = stagesContext();
    delete context.staging;
    expect(() => loadStageConfigs(context)).toThrow(/no "staging" stage/);
  });

  it('fails when an unknown stage is configured', () => {
    expect(() => loadStageConfigs({ ...stagesContext(), qa: {} })).toThrow(/Unknown stage "qa"/);
  });

  it('fails when a stage outside dev would not retain its data', () => {
    const prod = { ...stagesContext().prod, retainData: false };
    expect(() => parseStageConfig('prod', prod)).toThrow(/retainData must be true outside dev/);
  });

  it('fails when a WAF rate limit is below the WAF minimum', () => {
    const dev = { ...stagesContext().dev, wafRateLimits: { create: 5, read: 300 } };
    expect(() => parseStageConfig('dev', dev)).toThrow(/wafRateLimits.create/);
  });

  it('fails when the log retention is not one CloudWatch offers', () => {
    const dev = { ...stagesContext().dev, logRetentionDays: 15 };
    expect(() => parseStageConfig('dev', dev)).toThrow(/logRetentionDays/);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('passes every stage with no unacknowledged findings', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(
      report.violations.map(
        (v) => `${v.ruleName} ${v.violatingResources.map((r) => r.locations).join()}`,
      ),
    ).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('fails when a finding is not acknowledged', () => {
    const bare = new App();
    const stack = new Stack(bare, 'Bare');
    new Bucket(stack, 'Unlogged');
    const report = new AwsSolutionsChecks().validateScope(bare);
    expect(report.success).toBe(false);
    expect(report.violations.map((v) => v.ruleName)).toEqual(
      expect.arrayContaining(['AwsSolutions-S1']),
    );
  });

  it('fails when a rule is acknowledged on the wrong construct', () => {
    const bare = new App();
    const stack = new Stack(bare, 'Bare');
    const logged = new Bucket(stack, 'Other');
    Validations.of(logged).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'acknowledged on another bucket only',
    });
    new Bucket(stack, 'Unlogged');
    const report = new AwsSolutionsChecks().validateScope(bare);
    const s1 = report.violations.find((v) => v.ruleName === 'AwsSolutions-S1');
    expect(JSON.stringify(s1?.violatingResources)).toContain('Unlogged');
    expect(JSON.stringify(s1?.violatingResources)).not.toContain('Other');
  });

  it('gives every acknowledgement a specific reason', () => {
    const reasons: string[] = [];
    for (const construct of app.node.findAll()) {
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        reasons.push(...Object.values(entry.data as Record<string, string>));
      }
    }
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason.length).toBeGreaterThanOrEqual(30);
  });
});

describe('observability', () => {
  let dev: Template;
  beforeAll(() => {
    dev = Template.fromStack(stacks.dev as Stack);
  });
  const alarmMetrics = () =>
    Object.values(dev.findResources('AWS::CloudWatch::Alarm')).map((a) =>
      JSON.stringify((a as { Properties: unknown }).Properties),
    );

  it('alarms on API 5xx, Lambda errors and throttles, WAF blocks, DynamoDB throttles and failed deletes', () => {
    const alarms = alarmMetrics();
    expect(alarms.some((a) => a.includes('"5XXError"'))).toBe(true);
    // Every route's Lambda, the reaper's and the webhook sender's.
    expect(alarms.filter((a) => a.includes('"Errors"') && a.includes('AWS/Lambda'))).toHaveLength(
      ROUTES.length + 2,
    );
    expect(
      alarms.filter((a) => a.includes('"Throttles"') && a.includes('AWS/Lambda')),
    ).toHaveLength(ROUTES.length + 2);
    expect(alarms.some((a) => a.includes('WebhookDeadLetters') || a.includes('webhook'))).toBe(
      true,
    );
    expect(alarms.some((a) => a.includes('BlockedRequests') && a.includes('AWS/WAFV2'))).toBe(true);
    expect(alarms.some((a) => a.includes('ThrottledRequests') && a.includes('AWS/DynamoDB'))).toBe(
      true,
    );
    expect(alarms.some((a) => a.includes('VaultDeleteFailed') && a.includes('SecretSentry'))).toBe(
      true,
    );
  });

  it('sends every alarm to an encrypted, TLS-only topic', () => {
    for (const alarm of alarmMetrics()) expect(alarm).toContain('AlarmActions');
    dev.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    dev.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('has a dashboard with the business metrics the handlers emit', () => {
    const dashboard = JSON.stringify(dev.findResources('AWS::CloudWatch::Dashboard'));
    for (const metric of [
      'SecretCreated',
      'SecretRead',
      'SecretBurned',
      'SecretRevoked',
      'AccessDenied',
    ]) {
      expect(dashboard).toContain(metric);
    }
  });
});
