// What signed webhooks need of the infrastructure (issue 15, part 3): the notice queue and its dead
// letters (encrypted, TLS only, alarmed), the sender Lambda fed in batches that report failures, and
// least privilege: read, destroy and revoke alone may send notices, and the sender reads the table's
// items and nothing else (no vault, no write).
import { beforeAll, describe, expect, it } from '@jest/globals';
import { CfnResource } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { ROUTES, type Route } from '../../core/routes.ts';
import { WEBHOOK_MAX_RECEIVES } from '../../lib/constructs/webhook-sender.ts';
import { actionsOf, roleStatements, synthStage, type Synthesized } from './synth.ts';

const NOTIFIERS: readonly Route['name'][] = ['read', 'destroy', 'revoke'];

let dev: Synthesized;
beforeAll(() => {
  dev = synthStage('dev');
});

const logicalId = (s: Synthesized, construct: IConstruct): string =>
  s.stack.getLogicalId(
    (CfnResource.isCfnResource(construct) ? construct : construct.node.defaultChild) as CfnResource,
  );
const queueId = () => logicalId(dev, dev.stack.webhooks.queue);
const deadLettersId = () => logicalId(dev, dev.stack.webhooks.deadLetters);
const senderRole = () => logicalId(dev, dev.stack.webhooks.handler.role);
const resources = () => dev.template.toJSON().Resources;
const queueArn = () => ({ 'Fn::GetAtt': [queueId(), 'Arn'] });

describe("the webhook notices' queues", () => {
  it('encrypt with SQS-managed keys and refuse requests without TLS', () => {
    for (const id of [queueId(), deadLettersId()]) {
      expect(resources()[id].Properties.SqsManagedSseEnabled).toBe(true);
      const policies = Object.values(dev.template.findResources('AWS::SQS::QueuePolicy')).filter(
        (p) => JSON.stringify(p).includes(`"${id}"`),
      );
      expect(JSON.stringify(policies)).toContain('"aws:SecureTransport":"false"');
    }
  });

  it('move a notice to the dead-letter queue after its last try, and alarm on the first one there', () => {
    expect(resources()[queueId()].Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [deadLettersId(), 'Arn'] },
      maxReceiveCount: WEBHOOK_MAX_RECEIVES,
    });
    dev.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [deadLettersId(), 'QueueName'] } }],
      Threshold: 1,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^ObservabilityAlarms') }],
    });
    dev.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'WebhookNotQueued',
      Namespace: 'SecretSentry',
    });
  });

  it('feed the sender in batches that report their failed items', () => {
    dev.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: queueArn(),
      FunctionName: { Ref: logicalId(dev, dev.stack.webhooks.handler.function) },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });
});

describe('least privilege for webhooks', () => {
  it('lets read, destroy and revoke, and no other route, send notices, and only send', () => {
    for (const route of ROUTES) {
      const env = resources()[logicalId(dev, dev.stack.functions[route.name].function)].Properties
        .Environment.Variables as Record<string, unknown>;
      const sending = roleStatements(
        dev.template,
        logicalId(dev, dev.stack.functions[route.name].role),
      ).filter((s) =>
        [s.Resource].flat().some((r) => JSON.stringify(r) === JSON.stringify(queueArn())),
      );
      const notifies = NOTIFIERS.includes(route.name);
      expect('WEBHOOK_QUEUE_URL' in env).toBe(notifies);
      if (!notifies) {
        expect(sending).toEqual([]);
        continue;
      }
      expect(env.WEBHOOK_QUEUE_URL).toEqual({ Ref: queueId() });
      expect(sending).toHaveLength(1);
      expect(actionsOf(sending[0]!)).toEqual(['sqs:SendMessage']);
    }
  });

  it('lets the sender read items (through its key, via DynamoDB) and poll its queue, nothing else', () => {
    const statements = roleStatements(dev.template, senderRole());
    expect(statements.flatMap(actionsOf).sort()).toEqual(
      [
        'dynamodb:GetItem',
        'kms:Decrypt',
        'kms:DescribeKey',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'sqs:ChangeMessageVisibility',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'sqs:ReceiveMessage',
        'xray:PutTelemetryRecords',
        'xray:PutTraceSegments',
      ].sort(),
    );
    for (const statement of statements.filter((s) =>
      actionsOf(s).some((a) => a.startsWith('sqs:')),
    ))
      expect(statement.Resource).toEqual(queueArn());
    const kms = statements.find((s) => actionsOf(s).includes('kms:Decrypt'));
    expect(JSON.stringify(kms?.Condition)).toContain('dynamodb.');
  });

  it('gives the sender the table but not the vault', () => {
    const env =
      resources()[logicalId(dev, dev.stack.webhooks.handler.function)].Properties.Environment
        .Variables;
    expect(env).toHaveProperty('TABLE_NAME');
    expect(env).not.toHaveProperty('BUCKET_NAME');
  });
});

describe("a secret's expiry alarm", () => {
  const group = () => logicalId(dev, dev.stack.webhooks.expiryGroup);
  const alarmRole = () => logicalId(dev, dev.stack.webhooks.expiryRole);
  const createRole = () => logicalId(dev, dev.stack.functions.create.role);

  it('has a schedule group of its own per stage', () => {
    expect(resources()[group()]).toMatchObject({
      Type: 'AWS::Scheduler::ScheduleGroup',
      Properties: { Name: 'SecretSentry-dev-expiry' },
    });
  });

  it('runs as a role only EventBridge Scheduler of this account and group may take, which may only send to the webhook queue', () => {
    const role = resources()[alarmRole()];
    const trust = JSON.stringify(role.Properties.AssumeRolePolicyDocument);
    expect(trust).toContain('scheduler.amazonaws.com');
    expect(trust).toContain('aws:SourceAccount');
    expect(trust).toContain('aws:SourceArn');
    const statements = roleStatements(dev.template, alarmRole());
    expect(statements.flatMap(actionsOf)).toEqual(['sqs:SendMessage']);
    expect(statements[0]?.Resource).toEqual(queueArn());
  });

  it('is set by create alone: schedules in that group only, passing that role to the scheduler only', () => {
    const statements = roleStatements(dev.template, createRole());
    const schedule = statements.find((s) => actionsOf(s).includes('scheduler:CreateSchedule'));
    expect(JSON.stringify(schedule?.Resource)).toContain(':schedule/');
    expect(JSON.stringify(schedule?.Resource)).toContain(group());
    const pass = statements.find((s) => actionsOf(s).includes('iam:PassRole'));
    expect(pass?.Resource).toEqual({ 'Fn::GetAtt': [alarmRole(), 'Arn'] });
    expect(pass?.Condition).toEqual({
      StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' },
    });
    for (const route of ROUTES.filter((r) => r.name !== 'create')) {
      const actions = roleStatements(
        dev.template,
        logicalId(dev, dev.stack.functions[route.name].role),
      ).flatMap(actionsOf);
      expect([
        route.name,
        actions.some((a) => a.startsWith('scheduler:') || a === 'iam:PassRole'),
      ]).toEqual([route.name, false]);
    }
    const env =
      resources()[logicalId(dev, dev.stack.functions.create.function)].Properties.Environment
        .Variables;
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining([
        'EXPIRY_SCHEDULE_GROUP',
        'EXPIRY_TARGET_QUEUE_ARN',
        'EXPIRY_SCHEDULER_ROLE_ARN',
      ]),
    );
  });
});
