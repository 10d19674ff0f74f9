// Issue 10's operations story, pinned against the synthesized templates: stages that cannot deploy each
// other, alarms that reach someone, a first deploy that has API Gateway's account role, named key
// admins, termination protection and a page no cache keeps.
import { once } from 'node:events';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import type { CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { createStaticHandler } from '../../local/static.ts';
import { buildApp } from '../../lib/app.ts';
import { STAGES, STAGES_CONTEXT_KEY, loadStageConfigs, type StageName } from '../../lib/config.ts';
import { ACCOUNT_STACK_NAME, accessStackName } from '../../lib/deploy-access.ts';
import type { SecretSentryStack } from '../../lib/secret-sentry-stack.ts';
import { PAGE_CACHE_CONTROL } from '../../web/securityHeaders.ts';
import { FIXTURE_WEB_DIST, newApp, resourceOf, type Statement } from './synth.ts';
import { cdkJsonContext } from '../../lib/app.ts';

type Json = Record<string, unknown>;
type Resources = Record<string, { Type: string; Properties?: Json; DeletionPolicy?: string }>;

let app: App;
let stacks: Record<string, SecretSentryStack>;
const templates = {} as Record<string, Template>;
const QUALIFIERS: Record<StageName, string> = {
  dev: 'ssdev',
  staging: 'ssstaging',
  prod: 'ssprod',
};

beforeAll(() => {
  app = newApp();
  stacks = buildApp(app, { webDist: FIXTURE_WEB_DIST, nag: false });
  for (const stage of STAGES) {
    templates[stage] = Template.fromStack(stacks[stage] as Stack);
    templates[accessStackName(stage)] = Template.fromStack(
      app.node.findChild(accessStackName(stage)) as Stack,
    );
  }
  templates[ACCOUNT_STACK_NAME] = Template.fromStack(
    app.node.findChild(ACCOUNT_STACK_NAME) as Stack,
  );
});

const access = (stage: StageName) => templates[accessStackName(stage)] as Template;
const stageTemplate = (stage: StageName) => templates[stage] as Template;
const json = (value: unknown) => JSON.stringify(value);

/** Statements of a role's inline policies and of the policies attached to it. */
function statementsOfRole(template: Template, roleName: string): Statement[] {
  const roles = template.findResources('AWS::IAM::Role') as Resources;
  const [logicalId, role] =
    Object.entries(roles).find(([, r]) => r.Properties?.RoleName === roleName) ?? [];
  if (!logicalId || !role) throw new Error(`no role ${roleName}`);
  const inline = (
    (role.Properties?.Policies ?? []) as Array<{ PolicyDocument: { Statement: Statement[] } }>
  ).flatMap((p) => p.PolicyDocument.Statement);
  const attached = Object.values(template.findResources('AWS::IAM::Policy') as Resources)
    .filter((p) => json(p.Properties?.Roles).includes(`"${logicalId}"`))
    .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
  return [...inline, ...attached];
}

function managedPolicy(template: Template, name: string): Statement[] {
  const policy = Object.values(template.findResources('AWS::IAM::ManagedPolicy') as Resources).find(
    (p) => p.Properties?.ManagedPolicyName === name,
  );
  if (!policy) throw new Error(`no managed policy ${name}`);
  return (policy.Properties?.PolicyDocument as { Statement: Statement[] }).Statement;
}

const trustOf = (template: Template, roleName: string): Statement => {
  const role = Object.values(template.findResources('AWS::IAM::Role') as Resources).find(
    (r) => r.Properties?.RoleName === roleName,
  );
  return (role?.Properties?.AssumeRolePolicyDocument as { Statement: Statement[] })
    .Statement[0] as Statement;
};

describe('stage isolation', () => {
  it('deploys each stage through its own bootstrap qualifier, deploy role and execution role', () => {
    const assembly = app.synth();
    for (const stage of STAGES) {
      const artifact = assembly.getStackByName(
        `SecretSentry-${stage}`,
      ) as CloudFormationStackArtifact;
      expect(artifact.assumeRoleArn).toContain(`:role/SecretSentryDeploy-${stage}`);
      expect(artifact.cloudFormationExecutionRoleArn).toContain(
        `:role/cdk-${QUALIFIERS[stage]}-cfn-exec-role-`,
      );
      expect(json(stageTemplate(stage).toJSON().Parameters)).toContain(
        `/cdk-bootstrap/${QUALIFIERS[stage]}/version`,
      );
    }
  });

  it('caps every role of a stage stack with that stage boundary', () => {
    for (const stage of STAGES) {
      const roles = Object.values(
        stageTemplate(stage).findResources('AWS::IAM::Role') as Resources,
      );
      expect(roles.length).toBeGreaterThan(6);
      for (const role of roles) {
        expect(json(role.Properties?.PermissionsBoundary)).toContain(
          `:policy/SecretSentryBoundary-${stage}`,
        );
      }
    }
  });

  it("names nothing of another stage in a stage's access stack", () => {
    for (const stage of STAGES) {
      const text = json(access(stage).toJSON());
      for (const other of STAGES.filter((s) => s !== stage)) {
        expect(text).not.toContain(`SecretSentry-${other}`);
        expect(text).not.toContain(`secretsentry-${other}`);
        expect(text).not.toContain(`cdk-${QUALIFIERS[other]}-`);
        expect(text).not.toContain(`Deploy-${other}`);
      }
    }
  });

  it('lets the deploy role run CloudFormation on its own stack only and pass only its own execution role', () => {
    for (const stage of STAGES) {
      const statements = statementsOfRole(access(stage), `SecretSentryDeploy-${stage}`);
      for (const statement of statements) {
        const actions = [statement.Action].flat();
        if (actions.some((a) => a.startsWith('cloudformation:'))) {
          expect(json(statement.Resource)).toMatch(new RegExp(`stack/SecretSentry-${stage}/\\*"`));
          expect(json(statement.Resource)).not.toContain('"*"');
        }
        if (actions.includes('iam:PassRole')) {
          expect(json(statement.Resource)).toContain(`cdk-${QUALIFIERS[stage]}-cfn-exec-role-`);
        }
        expect(actions).not.toContain('*');
      }
    }
  });

  it("lets the GitHub role assume only its stage's deploy, asset and lookup roles", () => {
    for (const stage of STAGES) {
      const assume = statementsOfRole(access(stage), `SecretSentryGitHub-${stage}`).filter((s) =>
        [s.Action].flat().includes('sts:AssumeRole'),
      );
      expect(assume).toHaveLength(1);
      const targets = json(assume[0]?.Resource);
      expect(targets).toContain(`DeployRole`);
      expect(targets).toContain(`cdk-${QUALIFIERS[stage]}-file-publishing-role-`);
      expect(targets).toContain(`cdk-${QUALIFIERS[stage]}-lookup-role-`);
      expect(targets).not.toMatch(/cdk-hnb659fds|deploy-role|cfn-exec-role|"\*"/);
    }
  });

  it('trusts GitHub tokens of the stage environment and the deploy workflow, on main for staging and prod', () => {
    const dev = trustOf(access('dev'), 'SecretSentryGitHub-dev');
    expect(json(dev.Condition?.StringLike)).toMatch(
      /environment:dev:job_workflow_ref:.*\.github\/workflows\/deploy\.yml@\*/,
    );
    for (const stage of ['staging', 'prod'] as const) {
      const trust = trustOf(access(stage), `SecretSentryGitHub-${stage}`);
      expect(trust.Condition?.StringLike).toBeUndefined();
      expect(json(trust.Condition?.StringEquals)).toMatch(
        new RegExp(`environment:${stage}:job_workflow_ref:.*deploy\\.yml@refs/heads/main`),
      );
      expect(json(trust.Condition?.StringEquals)).toContain(
        '"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"',
      );
    }
    const plan = trustOf(access('prod'), 'SecretSentryPlan-prod');
    expect(json(plan.Condition?.StringEquals)).toMatch(
      /environment:prod-plan:.*@refs\/heads\/main/,
    );
    expect(json(statementsOfRole(access('prod'), 'SecretSentryPlan-prod'))).not.toMatch(
      /ChangeSet|UpdateStack|PassRole|DeployRole/,
    );
  });

  it('lets CloudFormation create roles only with the stage boundary, and never touch the account settings', () => {
    for (const stage of STAGES) {
      const statements = managedPolicy(access(stage), `SecretSentryCfnExec-${stage}`);
      const roleWrites = statements.filter((s) =>
        [s.Action]
          .flat()
          .some((a) => ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy'].includes(a)),
      );
      expect(roleWrites).toHaveLength(1);
      expect(json(roleWrites[0]?.Condition)).toContain('iam:PermissionsBoundary');
      const boundaryId = Object.entries(
        access(stage).findResources('AWS::IAM::ManagedPolicy') as Resources,
      ).find(([, p]) => p.Properties?.ManagedPolicyName === `SecretSentryBoundary-${stage}`)?.[0];
      expect(roleWrites[0]?.Condition).toEqual({
        StringEquals: { 'iam:PermissionsBoundary': { Ref: boundaryId } },
      });
      for (const statement of statements.filter((s) => s.Effect === 'Allow')) {
        // A wildcard action is always held to the stage by its resource names or its stage tag.
        const wildcard = [statement.Action].flat().some((a) => a.endsWith(':*') || a === '*');
        if (wildcard) {
          const scoped =
            json(statement.Resource).toLowerCase().includes(`secretsentry-${stage}`) ||
            json(statement.Condition).includes(`"aws:ResourceTag/stage":"${stage}"`);
          expect([statement.Sid, scoped]).toEqual([statement.Sid, true]);
        }
        expect([statement.Action].flat()).not.toContain('*');
      }
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Resource: expect.objectContaining({}) }),
      );
      expect(json(statements.find((s) => s.Effect === 'Deny'))).toContain('/account');
    }
  });

  it("lets a stage's roles use only its own queues, and CloudFormation make them and the reaper's event source", () => {
    for (const stage of STAGES) {
      const sid = (statements: Statement[], id: string) =>
        statements.find((s) => s.Sid === id) as Statement;
      const ownQueues = new RegExp(`:sqs:.*:SecretSentry-${stage}-\\*"`);
      const boundary = sid(
        managedPolicy(access(stage), `SecretSentryBoundary-${stage}`),
        'StageQueues',
      );
      expect([boundary.Action].flat().sort()).toEqual([
        'sqs:ChangeMessageVisibility',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'sqs:ReceiveMessage',
        'sqs:SendMessage',
      ]);
      expect(json(boundary.Resource)).toMatch(ownQueues);
      const execution = managedPolicy(access(stage), `SecretSentryCfnExec-${stage}`);
      expect(json(sid(execution, 'StageQueues').Resource)).toMatch(ownQueues);
      const mappings = sid(execution, 'StageEventSources');
      expect([mappings.Action].flat()).toContain('lambda:CreateEventSourceMapping');
      expect(json(mappings.Condition?.ArnLike?.['lambda:FunctionArn'])).toContain(
        `:function:SecretSentry-${stage}-*`,
      );
    }
  });

  it('fails when two stages share a qualifier', () => {
    const stages = structuredClone(cdkJsonContext()[STAGES_CONTEXT_KEY]) as Record<string, Json>;
    (stages.staging as Json).qualifier = 'ssdev';
    expect(() => loadStageConfigs(stages)).toThrow(/its own qualifier/);
  });

  it('pins a stage to its account when one is configured', () => {
    const context = structuredClone(cdkJsonContext());
    ((context[STAGES_CONTEXT_KEY] as Record<string, Json>).prod as Json).account = '123456789012';
    const pinned = new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } });
    const built = buildApp(pinned, { webDist: FIXTURE_WEB_DIST, stages: ['prod'], nag: false });
    expect(built.prod?.account).toBe('123456789012');
    const bad = structuredClone(cdkJsonContext()[STAGES_CONTEXT_KEY]) as Record<string, Json>;
    (bad.prod as Json).account = '1234';
    expect(() => loadStageConfigs(bad)).toThrow(/12-digit/);
  });
});

describe('alarms reach someone', () => {
  it('sends alarm and OK notifications of every alarm to the topic', () => {
    for (const stage of STAGES) {
      const alarms = Object.values(
        stageTemplate(stage).findResources('AWS::CloudWatch::Alarm') as Resources,
      );
      expect(alarms.length).toBeGreaterThan(10);
      for (const alarm of alarms) {
        expect(json(alarm.Properties?.AlarmActions)).toMatch(/ObservabilityAlarms/);
        expect(alarm.Properties?.OKActions).toEqual(alarm.Properties?.AlarmActions);
      }
    }
  });

  it('chains alarm to topic policy to key policy: CloudWatch may publish, and encrypt for this topic only', () => {
    const prod = stageTemplate('prod');
    const topic = resourceOf(prod, 'AWS::SNS::Topic');
    expect(topic.TopicName).toBe('SecretSentry-prod-alarms');
    expect(json(topic.KmsMasterKeyId)).toMatch(/DataKey/);
    const topicPolicy = resourceOf(prod, 'AWS::SNS::TopicPolicy');
    const publish = (topicPolicy.PolicyDocument as { Statement: Statement[] }).Statement.find(
      (s) => s.Effect === 'Allow' && [s.Action].flat().includes('sns:Publish'),
    );
    expect(publish?.Principal).toEqual({ Service: 'cloudwatch.amazonaws.com' });
    expect(json(publish?.Condition)).toMatch(/aws:SourceAccount.*AWS::AccountId/);
    expect(json(publish?.Condition)).toMatch(/aws:SourceArn.*:alarm:\*/);
    const key = resourceOf(prod, 'AWS::KMS::Key');
    const cloudwatch = (key.KeyPolicy as { Statement: Statement[] }).Statement.find((s) =>
      json(s.Principal).includes('cloudwatch.amazonaws.com'),
    );
    expect([cloudwatch?.Action].flat().sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    expect(json(cloudwatch?.Condition)).toMatch(
      /kms:EncryptionContext:aws:sns:topicArn.*:SecretSentry-prod-alarms/,
    );
  });

  it('refuses a prod deploy without an alarm e-mail, and warns at synth', () => {
    const prod = stageTemplate('prod').toJSON() as Json & { Rules?: Json; Parameters: Json };
    expect(json(prod.Rules)).toMatch(/AlarmsReachSomeone.*Fn::Not.*Fn::Equals.*AlarmEmail/);
    expect(prod.Parameters).toHaveProperty('AlarmEmail');
    expect((stageTemplate('dev').toJSON() as Json).Rules ?? {}).not.toHaveProperty(
      'AlarmsReachSomeone',
    );
    Annotations.fromStack(stacks.prod as Stack).hasWarning(
      '*',
      Match.stringLikeRegexp('no alarmEmail'),
    );
    stageTemplate('prod').hasResource('AWS::SNS::Subscription', {
      Condition: 'HasAlarmEmail',
      Properties: { Protocol: 'email', Endpoint: { Ref: 'AlarmEmail' } },
    });
  });

  it('adds up sparse DynamoDB throttle metrics with FILL, and puts the stage on business metrics', () => {
    const alarms = json(stageTemplate('dev').findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toContain('FILL(get, 0) + FILL(put, 0) + FILL(upd, 0)');
    expect(alarms).toMatch(/"MetricName":"VaultDeleteFailed".*?"Name":"stage","Value":"dev"/);
  });
});

describe('first deploy into a fresh account', () => {
  it('creates API Gateway\u2019s CloudWatch role once per account, kept when the stack goes', () => {
    const account = templates[ACCOUNT_STACK_NAME] as Template;
    const setting = account.findResources('AWS::ApiGateway::Account') as Resources;
    const [entry] = Object.values(setting);
    expect(entry?.DeletionPolicy).toBe('Retain');
    expect(json(entry?.Properties?.CloudWatchRoleArn)).toMatch(/ApiGatewayLogsRole.*Arn/);
    const role = Object.values(account.findResources('AWS::IAM::Role') as Resources)[0];
    expect(role?.DeletionPolicy).toBe('Retain');
    expect(json(role?.Properties?.AssumeRolePolicyDocument)).toContain('apigateway.amazonaws.com');
    // No stage stack touches the account-wide setting, so stages never fight over it.
    for (const stage of STAGES) {
      expect(Object.keys(stageTemplate(stage).findResources('AWS::ApiGateway::Account'))).toEqual(
        [],
      );
    }
  });
});

describe('the key', () => {
  it('is administered by the execution role and named admins, with grants for AWS services only', () => {
    const statements = (
      resourceOf(stageTemplate('prod'), 'AWS::KMS::Key').KeyPolicy as {
        Statement: Statement[];
      }
    ).Statement;
    const admin = statements.find((s) => s.Sid === 'KeyAdministration');
    expect(json(admin?.Principal)).toContain('cdk-ssprod-cfn-exec-role-');
    expect(json(admin?.Principal)).not.toMatch(/:root"/);
    for (const statement of statements) {
      expect([statement.Action].flat()).not.toEqual(expect.arrayContaining(['kms:Create*']));
      expect([statement.Action].flat()).not.toEqual(expect.arrayContaining(['kms:Put*']));
      if ([statement.Action].flat().includes('kms:CreateGrant')) {
        expect(statement.Condition).toEqual({ Bool: { 'kms:GrantIsForAWSResource': 'true' } });
      }
    }
  });
});

describe('stacks', () => {
  it('protects staging, prod and the access stacks from deletion', () => {
    expect(stacks.dev?.terminationProtection).toBe(false);
    expect(stacks.staging?.terminationProtection).toBe(true);
    expect(stacks.prod?.terminationProtection).toBe(true);
    for (const stage of STAGES) {
      expect((app.node.findChild(accessStackName(stage)) as Stack).terminationProtection).toBe(
        true,
      );
    }
  });
});

describe('the page is never cached, on Amplify as locally', () => {
  it('sends the same Cache-Control on /, /s/<id>, /m/<id> and config.json', async () => {
    const joined = resourceOf(stageTemplate('prod'), 'AWS::Amplify::App').CustomHeaders as {
      'Fn::Join': [string, unknown[]];
    };
    const headers = joined['Fn::Join'][1].filter((p) => typeof p === 'string').join('');
    expect(headers).toContain('pattern: "**"');
    expect(headers.match(/pattern:/g)).toHaveLength(1);
    expect(headers).toContain(`- key: "Cache-Control"\n        value: "${PAGE_CACHE_CONTROL}"`);
    const handler = createStaticHandler(FIXTURE_WEB_DIST);
    const server = http.createServer(
      (req, res) => void handler(req, res, new URL(req.url ?? '/', 'http://x').pathname),
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    try {
      for (const path of ['/', '/s/abc', '/m/abc', '/config.json', '/index.html']) {
        const response = await fetch(`http://127.0.0.1:${port}${path}`);
        expect([path, response.headers.get('cache-control')]).toEqual([path, PAGE_CACHE_CONTROL]);
      }
    } finally {
      server.close();
    }
  });

  it('expires staged copies of the page', () => {
    stageTemplate('dev').hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: [Match.objectLike({ Prefix: 'site/', ExpirationInDays: 30, Status: 'Enabled' })],
      },
    });
  });
});
