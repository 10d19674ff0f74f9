// The Lambdas: runtime, architecture, bundling settings, environment, and least privilege per role.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { CfnResource } from 'aws-cdk-lib';
import { ROUTES, type Route } from '../../core/routes.ts';
import {
  actionsOf,
  roleStatements,
  synthStage,
  type Statement,
  type Synthesized,
} from './synth.ts';

let dev: Synthesized;
beforeAll(() => {
  dev = synthStage('dev');
});

const logicalId = (route: Route['name'], part: 'role' | 'function' | 'logGroup'): string => {
  const fn = dev.stack.functions[route];
  const construct = part === 'role' ? fn.role : part === 'function' ? fn.function : fn.logGroup;
  return dev.stack.getLogicalId(construct.node.defaultChild as CfnResource);
};

const actionsOfRole = (route: Route['name']): string[] =>
  roleStatements(dev.template, logicalId(route, 'role')).flatMap(actionsOf).sort();

const EXPECTED_ACTIONS: Record<Route['name'], string[]> = {
  create: [
    // The expiry alarm of a secret with a webhook: a schedule in its group, run as its one role.
    'scheduler:CreateSchedule',
    'iam:PassRole',
    'dynamodb:PutItem',
    's3:PutObject',
    'kms:Decrypt',
    'kms:DescribeKey',
    'kms:Encrypt',
    'kms:GenerateDataKey',
    'kms:GenerateDataKey',
    'kms:Decrypt',
  ],
  seal: [
    'dynamodb:GetItem',
    'dynamodb:UpdateItem',
    's3:GetObject',
    's3:PutObject',
    'kms:Decrypt',
    'kms:DescribeKey',
    'kms:Encrypt',
    'kms:GenerateDataKey',
    'kms:GenerateDataKey',
    'kms:Decrypt',
  ],
  // Stores a request's one ciphertext, and takes it back when the request was withdrawn meanwhile.
  fill: [
    'dynamodb:GetItem',
    'dynamodb:UpdateItem',
    's3:PutObject',
    's3:DeleteObjectVersion',
    'kms:Decrypt',
    'kms:DescribeKey',
    'kms:Encrypt',
    'kms:GenerateDataKey',
    'kms:GenerateDataKey',
    'kms:Decrypt',
  ],
  meta: ['dynamodb:GetItem', 'kms:Decrypt', 'kms:DescribeKey'],
  read: [
    'dynamodb:GetItem',
    'dynamodb:UpdateItem',
    's3:GetObject',
    's3:GetObjectVersion',
    's3:DeleteObjectVersion',
    'kms:Decrypt',
    'kms:DescribeKey',
    'kms:Encrypt',
    'kms:GenerateDataKey',
    'kms:Decrypt',
    // Schedules the deletion of a read file's body on the reaper's queue; tells a sender's webhook.
    'sqs:SendMessage',
  ],
  // Never reads the vault: it deletes a text's ciphertext, and a file's body later through the queue.
  destroy: [
    'dynamodb:GetItem',
    'dynamodb:UpdateItem',
    's3:DeleteObjectVersion',
    'kms:Decrypt',
    'kms:DescribeKey',
    'kms:Encrypt',
    'kms:GenerateDataKey',
    'sqs:SendMessage',
  ],
  revoke: [
    'dynamodb:GetItem',
    'dynamodb:UpdateItem',
    's3:DeleteObjectVersion',
    'kms:Decrypt',
    'kms:DescribeKey',
    'kms:Encrypt',
    'kms:GenerateDataKey',
    // Tells a sender's webhook that the secret was revoked.
    'sqs:SendMessage',
  ],
  // Ends one link; deletes the ciphertext when it was the last one open, as revoke does.
  revokeRecipient: [
    'dynamodb:GetItem',
    'dynamodb:UpdateItem',
    's3:DeleteObjectVersion',
    'kms:Decrypt',
    'kms:DescribeKey',
    'kms:Encrypt',
    'kms:GenerateDataKey',
  ],
  receipt: ['dynamodb:GetItem', 'kms:Decrypt', 'kms:DescribeKey'],
  health: [],
  openapi: [],
};
const BASELINE = [
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'xray:PutTelemetryRecords',
  'xray:PutTraceSegments',
];

describe('Lambda functions', () => {
  it('runs every route on Node.js 24, arm64, with explicit memory and timeout and X-Ray tracing', () => {
    for (const route of ROUTES) {
      const fn = dev.template.toJSON().Resources[logicalId(route.name, 'function')].Properties;
      expect(fn).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: 256,
        Timeout: 10,
        TracingConfig: { Mode: 'Active' },
        Handler: 'index.handler',
      });
    }
  });

  it('gives each function its own role and a log group with the stage retention', () => {
    const roles = new Set(ROUTES.map((r) => logicalId(r.name, 'role')));
    expect(roles.size).toBe(ROUTES.length);
    for (const route of ROUTES) {
      const fn = dev.template.toJSON().Resources[logicalId(route.name, 'function')].Properties;
      expect(fn.Role).toEqual({ 'Fn::GetAtt': [logicalId(route.name, 'role'), 'Arn'] });
      expect(fn.LoggingConfig.LogGroup).toEqual({ Ref: logicalId(route.name, 'logGroup') });
      const logGroup =
        dev.template.toJSON().Resources[logicalId(route.name, 'logGroup')].Properties;
      expect(logGroup.RetentionInDays).toBe(14);
    }
  });

  it('sets the Powertools environment, the page origin for CORS, and store names only where used', () => {
    for (const route of ROUTES) {
      const env =
        dev.template.toJSON().Resources[logicalId(route.name, 'function')].Properties.Environment
          .Variables;
      expect(env).toMatchObject({
        POWERTOOLS_SERVICE_NAME: 'secretsentry',
        POWERTOOLS_METRICS_NAMESPACE: 'SecretSentry',
        POWERTOOLS_LOG_LEVEL: 'DEBUG',
        NODE_OPTIONS: '--enable-source-maps',
      });
      expect(JSON.stringify(env.CORS_ORIGIN)).toContain('DefaultDomain');
      const usesStores = route.access.table.length + route.access.vault.length > 0;
      expect('TABLE_NAME' in env).toBe(usesStores);
      expect('BUCKET_NAME' in env).toBe(usesStores);
    }
  });
});

describe('least privilege per role', () => {
  it.each(ROUTES.map((r) => [r.name] as const))(
    'grants %s exactly the actions its operation uses',
    (name) => {
      expect(actionsOfRole(name)).toEqual([...EXPECTED_ACTIONS[name], ...BASELINE].sort());
    },
  );

  it('gives the functions that touch no store (health, openapi) no table, vault or key, not even by name', () => {
    const storeless = ROUTES.filter((r) => r.access.table.length + r.access.vault.length === 0);
    expect(storeless.map((r) => r.name).sort()).toEqual(['health', 'openapi']);
    for (const route of storeless) {
      const statements = JSON.stringify(
        roleStatements(dev.template, logicalId(route.name, 'role')),
      );
      expect(statements).not.toMatch(/dynamodb:|s3:|kms:|DataTokens|DataVault|DataKey/);
      const env =
        dev.template.toJSON().Resources[logicalId(route.name, 'function')].Properties.Environment
          .Variables;
      expect(env).not.toHaveProperty('TABLE_NAME');
      expect(env).not.toHaveProperty('BUCKET_NAME');
    }
  });

  it('fails when any role holds a wildcard action such as *, s3:*, dynamodb:* or kms:*', () => {
    for (const route of ROUTES) {
      for (const action of actionsOfRole(route.name)) {
        expect(action).not.toContain('*');
      }
    }
  });

  // fill deletes only the object it stored itself, when the request was withdrawn while it stored.
  it('lets only the read, destroy, revoke (whole or one link) and fill roles delete object versions', () => {
    const deleters = ROUTES.filter((r) =>
      actionsOfRole(r.name).includes('s3:DeleteObjectVersion'),
    ).map((r) => r.name);
    expect(deleters.sort()).toEqual(['destroy', 'fill', 'read', 'revoke', 'revokeRecipient']);
  });

  it('lets create put objects under secrets/ but never read them', () => {
    const statements = roleStatements(dev.template, logicalId('create', 'role'));
    const put = statements.find((s) => actionsOf(s).includes('s3:PutObject'));
    expect(JSON.stringify(put?.Resource)).toContain('/secrets/*');
    expect(actionsOfRole('create')).not.toContain('s3:GetObject');
    expect(actionsOfRole('create')).not.toContain('dynamodb:GetItem');
  });

  it('scopes table actions to the table, object actions to secrets/*, and KMS use to S3 or DynamoDB', () => {
    for (const route of ROUTES) {
      for (const statement of roleStatements(dev.template, logicalId(route.name, 'role'))) {
        const actions = actionsOf(statement);
        const resource = JSON.stringify(statement.Resource);
        if (actions.some((a) => a.startsWith('dynamodb:')))
          expect(resource).toMatch(/DataTokens.*Arn/);
        if (actions.some((a) => a.startsWith('s3:')))
          expect(resource).toMatch(/DataVault.*\/secrets\/\*/);
        if (actions.some((a) => a.startsWith('kms:'))) {
          expect(resource).toMatch(/DataKey.*Arn/);
          expect(JSON.stringify(statement.Condition?.StringEquals?.['kms:ViaService'])).toMatch(
            /(s3|dynamodb)\./,
          );
        }
        if (resource === '"*"') expect(actions.every((a) => a.startsWith('xray:'))).toBe(true);
      }
    }
  });

  it('uses no managed policies on the handler roles', () => {
    for (const route of ROUTES) {
      const role = dev.template.toJSON().Resources[logicalId(route.name, 'role')].Properties;
      expect(role.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('the key policy', () => {
  const keyStatements = (): Statement[] => {
    const key = Object.values(dev.template.findResources('AWS::KMS::Key'))[0] as {
      Properties: { KeyPolicy: { Statement: Statement[] } };
    };
    return key.Properties.KeyPolicy.Statement;
  };

  it('names each role that uses the key, through S3 or DynamoDB only', () => {
    for (const route of ROUTES) {
      const role = logicalId(route.name, 'role');
      const mine = keyStatements().filter((s) => JSON.stringify(s.Principal).includes(role));
      const needsKey = route.access.table.length + route.access.vault.length > 0;
      expect(mine.length > 0).toBe(needsKey);
      for (const statement of mine) {
        expect(JSON.stringify(statement.Condition?.StringEquals?.['kms:ViaService'])).toMatch(
          /(s3|dynamodb)\./,
        );
        for (const action of actionsOf(statement)) expect(action).not.toContain('*');
      }
    }
  });

  it('fails when any principal may use the key for cryptography without a service condition', () => {
    const crypto = [
      'kms:Encrypt',
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'kms:ReEncrypt*',
      'kms:GenerateDataKey*',
    ];
    for (const statement of keyStatements()) {
      expect(actionsOf(statement)).not.toContain('kms:*');
      const usesCrypto = actionsOf(statement).some((a) => crypto.includes(a));
      const servicePrincipal = JSON.stringify(statement.Principal).includes(
        'cloudwatch.amazonaws.com',
      );
      if (usesCrypto && !servicePrincipal)
        expect(statement.Condition?.StringEquals?.['kms:ViaService']).toBeDefined();
    }
  });
});
