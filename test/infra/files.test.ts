// What file secrets need of the infrastructure (issue 12): the vault's CORS for the page alone, the
// page's CSP naming the vault, the reaper's delay queue, dead letters, alarm and least privilege, and
// the stage's largest file handed to create.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { Match } from 'aws-cdk-lib/assertions';
import { LIMITS } from '../../core/limits.ts';
import { ROUTES, type Route } from '../../core/routes.ts';
import { cdkJsonContext } from '../../lib/app.ts';
import { STAGES_CONTEXT_KEY, parseStageConfig } from '../../lib/config.ts';
import { REAPER_MAX_RECEIVES } from '../../lib/constructs/body-reaper.ts';
import { nagText } from '../../lib/nag.ts';
import {
  actionsOf,
  resourceOf,
  roleStatements,
  synthStage,
  type Statement,
  type Synthesized,
} from './synth.ts';

/** The routes that schedule a file body's deletion: read's last read, and a recipient's destroy. */
const SCHEDULERS: readonly Route['name'][] = ['read', 'destroy'];

let dev: Synthesized;
let prod: Synthesized;
beforeAll(() => {
  dev = synthStage('dev');
  prod = synthStage('prod');
});

type Json = unknown;

/** A CloudFormation value as text: `{Ref: X}` is `<X>`, GetAtt `<A.B>`, joins joined. */
const render = nagText;

/** The logical id of an L1 resource, or of an L2's default child. */
const logicalId = (s: Synthesized, construct: IConstruct): string =>
  s.stack.getLogicalId(
    (CfnResource.isCfnResource(construct) ? construct : construct.node.defaultChild) as CfnResource,
  );
const vaultId = (s: Synthesized) => logicalId(s, s.stack.data.vault);
const appId = (s: Synthesized) => logicalId(s, s.stack.web.app);
const queueId = (s: Synthesized) => logicalId(s, s.stack.reaper.queue);
const deadLettersId = (s: Synthesized) => logicalId(s, s.stack.reaper.deadLetters);
const roleOf = (s: Synthesized, route: Route['name']) =>
  logicalId(s, s.stack.functions[route].role);
const functionOf = (s: Synthesized, route: Route['name']) =>
  logicalId(s, s.stack.functions[route].function);
const environmentOf = (s: Synthesized, functionLogicalId: string): Record<string, Json> =>
  s.template.toJSON().Resources[functionLogicalId].Properties.Environment.Variables;

/** The SDK calls of the custom resources that put the vault's CORS. */
function corsCalls(s: Synthesized): Array<{ create: Record<string, Json>; update: Json }> {
  return Object.values(s.template.findResources('Custom::AWS'))
    .map((r) => (r as { Properties: Record<string, Json> }).Properties)
    .filter((p) => JSON.stringify(p.Create).includes('PutBucketCors'))
    .map((p) => ({
      create: JSON.parse(render(p.Create)) as Record<string, Json>,
      update: JSON.parse(render(p.Update)),
    }));
}

describe('the vault CORS', () => {
  it('allows exactly the page origin to GET and PUT, reading ETag, with no request header', () => {
    const calls = corsCalls(dev);
    expect(calls).toHaveLength(1);
    const call = calls[0]!;
    expect(call.update).toEqual(call.create);
    expect(call.create).toMatchObject({ service: 'S3', action: 'PutBucketCors' });
    expect(call.create.parameters).toEqual({
      Bucket: `<${vaultId(dev)}>`,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: [`https://main.<${appId(dev)}.DefaultDomain>`],
            AllowedMethods: ['GET', 'PUT'],
            ExposeHeaders: ['ETag'],
            MaxAgeSeconds: 3600,
          },
        ],
      },
    });
  });

  it('is the same origin the API answers CORS for', () => {
    const api = environmentOf(dev, functionOf(dev, 'read')).CORS_ORIGIN;
    expect(render(api)).toBe(`https://main.<${appId(dev)}.DefaultDomain>`);
  });

  it('lets the custom resource put the CORS of the vault and nothing else', () => {
    const policies = Object.values(dev.template.findResources('AWS::IAM::Policy')).map(
      (p) => (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties,
    );
    const cors = policies
      .flatMap((p) => p.PolicyDocument.Statement)
      .filter((s) => actionsOf(s).some((a) => a.toLowerCase() === 's3:putbucketcors'));
    expect(cors).toHaveLength(1);
    expect(actionsOf(cors[0]!)).toEqual(['s3:PutBucketCORS']);
    expect(cors[0]!.Resource).toEqual({ 'Fn::GetAtt': [vaultId(dev), 'Arn'] });
  });
});

describe("the page's CSP", () => {
  it('lets the page connect to its own origin, the API and the vault, virtual-hosted and regional', () => {
    const headers = render(
      (resourceOf(dev.template, 'AWS::Amplify::App') as { CustomHeaders: Json }).CustomHeaders,
    );
    const connect = /connect-src ([^;"]+)/.exec(headers)?.[1]?.split(' ');
    expect(connect).toEqual([
      "'self'",
      `https://<${logicalId(dev, dev.stack.api.api)}>.execute-api.<AWS::Region>.<AWS::URLSuffix>`,
      `https://<${vaultId(dev)}>.s3.<AWS::Region>.<AWS::URLSuffix>`,
    ]);
  });
});

describe("the reaper's queues", () => {
  it('encrypt with SQS-managed keys and refuse requests without TLS', () => {
    for (const id of [queueId(dev), deadLettersId(dev)]) {
      const queue = dev.template.toJSON().Resources[id];
      expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
      const policies = Object.values(dev.template.findResources('AWS::SQS::QueuePolicy')).filter(
        (p) => JSON.stringify(p).includes(`"${id}"`),
      );
      expect(JSON.stringify(policies)).toContain('"aws:SecureTransport":"false"');
      expect(JSON.stringify(policies)).toContain('"Effect":"Deny"');
    }
  });

  it('move a message to the dead-letter queue after its last try, and keep it 14 days there', () => {
    const queue = dev.template.toJSON().Resources[queueId(dev)].Properties;
    expect(queue.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [deadLettersId(dev), 'Arn'] },
      maxReceiveCount: REAPER_MAX_RECEIVES,
    });
    // The read sets each message's delay; the queue adds none.
    expect(queue.DelaySeconds ?? 0).toBe(0);
    // Lambda's advice for an SQS source: six times the function's timeout.
    expect(queue.VisibilityTimeout).toBe(60);
    const deadLetters = dev.template.toJSON().Resources[deadLettersId(dev)].Properties;
    expect(deadLetters.MessageRetentionPeriod).toBe(14 * 86_400);
  });

  it('alarm, on alarm and on OK, as soon as one message is dead', () => {
    dev.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        { Name: 'QueueName', Value: { 'Fn::GetAtt': [deadLettersId(dev), 'QueueName'] } },
      ],
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^ObservabilityAlarms') }],
      OKActions: [{ Ref: Match.stringLikeRegexp('^ObservabilityAlarms') }],
    });
  });

  it('feed the reaper in batches that report their failed items', () => {
    dev.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queueId(dev), 'Arn'] },
      FunctionName: { Ref: logicalId(dev, dev.stack.reaper.handler.function) },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });
});

describe('least privilege for delayed deletion', () => {
  const reaperRole = () => logicalId(dev, dev.stack.reaper.handler.role);

  it('lets the reaper delete object versions in the vault and poll its queue, nothing else', () => {
    const statements = roleStatements(dev.template, reaperRole());
    const byAction = (prefix: string) =>
      statements.filter((s) => actionsOf(s).some((a) => a.startsWith(prefix)));
    expect(statements.flatMap(actionsOf).sort()).toEqual(
      [
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'xray:PutTelemetryRecords',
        'xray:PutTraceSegments',
        's3:DeleteObjectVersion',
        'sqs:ChangeMessageVisibility',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'sqs:ReceiveMessage',
      ].sort(),
    );
    expect(render(byAction('s3:')[0]?.Resource)).toBe(`<${vaultId(dev)}.Arn>/secrets/*`);
    for (const statement of byAction('sqs:'))
      expect(statement.Resource).toEqual({ 'Fn::GetAtt': [queueId(dev), 'Arn'] });
  });

  it('gives the reaper no key: deleting an encrypted object decrypts nothing', () => {
    const key = Object.values(dev.template.findResources('AWS::KMS::Key'))[0] as {
      Properties: { KeyPolicy: { Statement: Statement[] } };
    };
    expect(JSON.stringify(key.Properties.KeyPolicy)).not.toContain(reaperRole());
  });

  it('lets read and destroy, and no other route, send to the queue, and only send', () => {
    // read and destroy also send to the webhook queue (test/infra/webhooks.test.ts): IAM merges the
    // two into one statement with two resources.
    const reaperQueue = { 'Fn::GetAtt': [queueId(dev), 'Arn'] };
    for (const route of ROUTES) {
      const sqs = roleStatements(dev.template, roleOf(dev, route.name)).filter((s) =>
        [s.Resource].flat().some((r) => JSON.stringify(r) === JSON.stringify(reaperQueue)),
      );
      if (!SCHEDULERS.includes(route.name)) {
        expect(sqs).toEqual([]);
        continue;
      }
      expect(sqs).toHaveLength(1);
      expect(actionsOf(sqs[0]!)).toEqual(['sqs:SendMessage']);
    }
  });

  it('gives the queue URL to read and destroy alone, and the reaper the vault but not the table', () => {
    for (const route of ROUTES) {
      const env = environmentOf(dev, functionOf(dev, route.name));
      const schedules = SCHEDULERS.includes(route.name);
      expect('REAPER_QUEUE_URL' in env).toBe(schedules);
      if (schedules) expect(env.REAPER_QUEUE_URL).toEqual({ Ref: queueId(dev) });
    }
    const reaper = environmentOf(dev, logicalId(dev, dev.stack.reaper.handler.function));
    expect(reaper).toMatchObject({
      BUCKET_NAME: { Ref: vaultId(dev) },
      SECRETSENTRY_STAGE: 'dev',
    });
    expect(reaper).not.toHaveProperty('TABLE_NAME');
  });
});

describe('the largest file per stage', () => {
  it('gives create, and no other route, the stage maxFileBodyBytes from cdk.json', () => {
    const stages = cdkJsonContext()[STAGES_CONTEXT_KEY] as Record<
      string,
      { maxFileBodyBytes: number }
    >;
    for (const [synthesized, stage] of [
      [dev, 'dev'],
      [prod, 'prod'],
    ] as const) {
      for (const route of ROUTES) {
        const env = environmentOf(synthesized, functionOf(synthesized, route.name));
        if (route.name === 'create')
          expect(env.MAX_FILE_BODY_BYTES).toBe(String(stages[stage]?.maxFileBodyBytes));
        else expect(env).not.toHaveProperty('MAX_FILE_BODY_BYTES');
      }
    }
    expect(stages.prod?.maxFileBodyBytes).toBe(LIMITS.fileBodyBytes);
    expect(stages.dev?.maxFileBodyBytes).toBeLessThan(LIMITS.fileBodyBytes);
  });

  it('fails when a stage allows more than LIMITS.fileBodyBytes, no file at all, or says nothing', () => {
    const stages = cdkJsonContext()[STAGES_CONTEXT_KEY] as Record<string, Record<string, unknown>>;
    const dev = { ...stages.dev };
    expect(() =>
      parseStageConfig('dev', { ...dev, maxFileBodyBytes: LIMITS.fileBodyBytes + 1 }),
    ).toThrow(/maxFileBodyBytes must be at most/);
    expect(() => parseStageConfig('dev', { ...dev, maxFileBodyBytes: 0 })).toThrow(
      /maxFileBodyBytes/,
    );
    const without = { ...dev };
    delete without.maxFileBodyBytes;
    expect(() => parseStageConfig('dev', without)).toThrow(/maxFileBodyBytes/);
  });
});
