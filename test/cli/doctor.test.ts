// `secretsentry doctor` with AWS mocked at the SDK boundary and the canary run through the real local stack.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { PassThrough } from 'node:stream';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  DescribeContinuousBackupsCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { DescribeKeyCommand, GetKeyRotationStatusCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  GetBucketEncryptionCommand,
  GetBucketVersioningCommand,
  ListObjectVersionsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetWebACLForResourceCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { mockClient } from 'aws-sdk-client-mock';
import {
  createDoctorClients,
  runDoctor,
  type DoctorClients,
  type DoctorReport,
} from '../../cli/doctor/checks.ts';
import { run } from '../../cli/main.ts';
import { startStack, type RunningStack } from '../helpers/localStack.ts';

const cfn = mockClient(CloudFormationClient);
const kms = mockClient(KMSClient);
const s3 = mockClient(S3Client);
const dynamo = mockClient(DynamoDBClient);
const waf = mockClient(WAFV2Client);

const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const KEY_ARN = `arn:aws:kms:eu-west-1:111122223333:key/${KEY_ID}`;
const ACL_ARN = 'arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/SecretSentry-dev/abc';
const STAGE_ARN = 'arn:aws:apigateway:eu-west-1::/restapis/abc123/stages/v1';

let stack: RunningStack;
beforeAll(async () => {
  stack = await startStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

function outputs(overrides: Record<string, string | undefined> = {}) {
  const values: Record<string, string | undefined> = {
    ApiUrl: `${stack.api}/`,
    PageUrl: `${stack.url}/`,
    TableName: 'SecretSentry-dev-Tokens',
    BucketName: 'secretsentry-dev-vault',
    KeyArn: KEY_ARN,
    WebAclArn: ACL_ARN,
    ApiStageArn: STAGE_ARN,
    AmplifyAppId: 'd1abc',
    ...overrides,
  };
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue }));
}

/** A healthy stage: every check passes. Each test breaks exactly one thing. */
beforeEach(() => {
  for (const mock of [cfn, kms, s3, dynamo, waf]) mock.reset();
  cfn.on(DescribeStacksCommand, { StackName: 'SecretSentry-dev' }).resolves({
    Stacks: [
      {
        StackName: 'SecretSentry-dev',
        StackStatus: 'UPDATE_COMPLETE',
        CreationTime: new Date(),
        Outputs: outputs(),
      },
    ],
  });
  kms.on(DescribeKeyCommand, { KeyId: KEY_ARN }).resolves({
    KeyMetadata: {
      KeyId: KEY_ID,
      Arn: KEY_ARN,
      Enabled: true,
      KeyState: 'Enabled',
      KeyManager: 'CUSTOMER',
    },
  });
  kms
    .on(GetKeyRotationStatusCommand, { KeyId: KEY_ARN })
    .resolves({ KeyRotationEnabled: true, RotationPeriodInDays: 365 });
  s3.on(GetBucketVersioningCommand, { Bucket: 'secretsentry-dev-vault' }).resolves({
    Status: 'Enabled',
  });
  s3.on(GetBucketEncryptionCommand, { Bucket: 'secretsentry-dev-vault' }).resolves({
    ServerSideEncryptionConfiguration: {
      Rules: [
        {
          ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY_ARN },
          BucketKeyEnabled: true,
        },
      ],
    },
  });
  s3.on(ListObjectVersionsCommand).resolves({ Versions: [], DeleteMarkers: [] });
  dynamo.on(DescribeTimeToLiveCommand, { TableName: 'SecretSentry-dev-Tokens' }).resolves({
    TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'ttl' },
  });
  dynamo.on(DescribeContinuousBackupsCommand, { TableName: 'SecretSentry-dev-Tokens' }).resolves({
    ContinuousBackupsDescription: {
      ContinuousBackupsStatus: 'ENABLED',
      PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'ENABLED' },
    },
  });
  waf.on(GetWebACLForResourceCommand, { ResourceArn: STAGE_ARN }).resolves({
    WebACL: {
      Name: 'SecretSentry-dev',
      Id: 'abc',
      ARN: ACL_ARN,
      DefaultAction: { Allow: {} },
      VisibilityConfig: {
        SampledRequestsEnabled: true,
        CloudWatchMetricsEnabled: true,
        MetricName: 'x',
      },
    },
  });
});

const clients = (fetchImpl: typeof fetch = globalThis.fetch): DoctorClients => ({
  ...createDoctorClients('eu-west-1'),
  fetch: fetchImpl,
});

function result(report: DoctorReport, name: string) {
  const found = report.results.find((r) => r.name === name);
  if (!found) throw new Error(`no check named ${name}`);
  return found;
}

/** Asserts that exactly the named check failed, with a reason matching `why`. */
function expectOnlyFailure(report: DoctorReport, name: string, why: RegExp) {
  expect(report.ok).toBe(false);
  expect(report.results.filter((r) => !r.ok).map((r) => r.name)).toEqual([name]);
  expect(result(report, name).detail).toMatch(why);
}

describe('doctor', () => {
  it('passes every check on a healthy stage, canary included', async () => {
    const report = await runDoctor('dev', clients());

    expect(report.results.filter((r) => !r.ok)).toEqual([]);
    expect(report.results.map((r) => r.name)).toEqual([
      'stack outputs',
      'KMS key enabled',
      'KMS key rotation',
      'vault versioning',
      'vault SSE-KMS',
      'table TTL',
      'table PITR',
      'WAF on API stage',
      'canary secret',
    ]);
    expect(report.ok).toBe(true);
  });

  it('fails every check when the stack does not exist', async () => {
    cfn.on(DescribeStacksCommand).rejects(
      Object.assign(new Error('Stack with id SecretSentry-dev does not exist'), {
        name: 'ValidationError',
      }),
    );

    const report = await runDoctor('dev', clients());

    expect(report.results.every((r) => !r.ok)).toBe(true);
    expect(result(report, 'stack outputs').detail).toMatch(/does not exist/);
  });

  it('fails when the stack lacks an output', async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'SecretSentry-dev',
          StackStatus: 'CREATE_COMPLETE',
          CreationTime: new Date(),
          Outputs: outputs({ WebAclArn: undefined }),
        },
      ],
    });

    const report = await runDoctor('dev', clients());

    expect(result(report, 'stack outputs').detail).toMatch(/missing outputs: WebAclArn/);
    expect(report.ok).toBe(false);
  });

  it('fails when the KMS key is disabled', async () => {
    kms.on(DescribeKeyCommand).resolves({
      KeyMetadata: {
        KeyId: KEY_ID,
        Enabled: false,
        KeyState: 'Disabled',
        KeyManager: 'CUSTOMER',
      },
    });

    expectOnlyFailure(await runDoctor('dev', clients()), 'KMS key enabled', /Disabled/);
  });

  it('fails when the key is AWS-managed', async () => {
    kms.on(DescribeKeyCommand).resolves({
      KeyMetadata: { KeyId: KEY_ID, Enabled: true, KeyState: 'Enabled', KeyManager: 'AWS' },
    });

    expectOnlyFailure(await runDoctor('dev', clients()), 'KMS key enabled', /customer-managed/);
  });

  it('fails when key rotation is off', async () => {
    kms.on(GetKeyRotationStatusCommand).resolves({ KeyRotationEnabled: false });

    expectOnlyFailure(await runDoctor('dev', clients()), 'KMS key rotation', /rotation is off/);
  });

  it('fails when vault versioning is suspended', async () => {
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Suspended' });

    expectOnlyFailure(await runDoctor('dev', clients()), 'vault versioning', /Suspended/);
  });

  it('fails when the vault encrypts with SSE-S3', async () => {
    s3.on(GetBucketEncryptionCommand).resolves({
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    });

    expectOnlyFailure(await runDoctor('dev', clients()), 'vault SSE-KMS', /AES256, not aws:kms/);
  });

  it('fails when the vault encrypts with another KMS key', async () => {
    s3.on(GetBucketEncryptionCommand).resolves({
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: 'other-key-id',
            },
            BucketKeyEnabled: true,
          },
        ],
      },
    });

    expectOnlyFailure(await runDoctor('dev', clients()), 'vault SSE-KMS', /another key/);
  });

  it('accepts the key named by id, and fails when the S3 Bucket Key is off', async () => {
    s3.on(GetBucketEncryptionCommand).resolves({
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY_ID },
            BucketKeyEnabled: false,
          },
        ],
      },
    });

    expectOnlyFailure(await runDoctor('dev', clients()), 'vault SSE-KMS', /Bucket Key is off/);
  });

  it('fails when table TTL is disabled', async () => {
    dynamo
      .on(DescribeTimeToLiveCommand)
      .resolves({ TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } });

    expectOnlyFailure(await runDoctor('dev', clients()), 'table TTL', /DISABLED/);
  });

  it('fails when point-in-time recovery is disabled', async () => {
    dynamo.on(DescribeContinuousBackupsCommand).resolves({
      ContinuousBackupsDescription: {
        ContinuousBackupsStatus: 'ENABLED',
        PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' },
      },
    });

    expectOnlyFailure(
      await runDoctor('dev', clients()),
      'table PITR',
      /point-in-time recovery is DISABLED/,
    );
  });

  it('fails when no web ACL is associated with the API stage', async () => {
    waf.on(GetWebACLForResourceCommand).resolves({});

    expectOnlyFailure(await runDoctor('dev', clients()), 'WAF on API stage', /no web ACL/);
  });

  it('fails when another web ACL is associated', async () => {
    waf.on(GetWebACLForResourceCommand).resolves({
      WebACL: {
        Name: 'someone-else',
        Id: 'x',
        ARN: 'arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/someone-else/x',
        DefaultAction: { Allow: {} },
        VisibilityConfig: {
          SampledRequestsEnabled: true,
          CloudWatchMetricsEnabled: true,
          MetricName: 'x',
        },
      },
    });

    expectOnlyFailure(
      await runDoctor('dev', clients()),
      'WAF on API stage',
      /another web ACL.*someone-else/,
    );
  });

  it('reports an AWS error as the reason (e.g. access denied)', async () => {
    dynamo.on(DescribeTimeToLiveCommand).rejects(
      Object.assign(new Error('not authorized to perform dynamodb:DescribeTimeToLive'), {
        name: 'AccessDeniedException',
      }),
    );

    expectOnlyFailure(
      await runDoctor('dev', clients()),
      'table TTL',
      /AccessDeniedException: not authorized/,
    );
  });

  it('fails the canary when the API is unreachable', async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'SecretSentry-dev',
          StackStatus: 'UPDATE_COMPLETE',
          CreationTime: new Date(),
          Outputs: outputs({ ApiUrl: 'http://127.0.0.1:1/' }),
        },
      ],
    });

    expectOnlyFailure(await runDoctor('dev', clients()), 'canary secret', /create failed/);
  });

  it('fails the canary when the secret is still readable after its only read', async () => {
    // The real stack, except that metadata after the read answers as if the secret were still there.
    let readDone = false;
    const leaky: typeof fetch = async (input, init) => {
      const url = String(input);
      if (url.endsWith('/read')) {
        const response = await fetch(input, init);
        readDone = true;
        return response;
      }
      const metaOf = /\/secrets\/([^/]+)$/.exec(url);
      if (readDone && (init?.method ?? 'GET') === 'GET' && metaOf) {
        return new Response(
          JSON.stringify({
            id: metaOf[1],
            kind: 'text',
            expiresAt: new Date().toISOString(),
            remainingReads: 1,
            passphrase: null,
          }),
          {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
          },
        );
      }
      return fetch(input, init);
    };

    expectOnlyFailure(await runDoctor('dev', clients(leaky)), 'canary secret', /still readable/);
  });

  it('fails the canary when its ciphertext is still in the vault', async () => {
    s3.on(ListObjectVersionsCommand).resolves({
      Versions: [{ Key: 'secrets/x', VersionId: 'v1' }],
    });

    expectOnlyFailure(await runDoctor('dev', clients()), 'canary secret', /still in the vault/);
  });
});

describe('secretsentry doctor (command)', () => {
  function io() {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (c: Buffer) => (out += c.toString()));
    stderr.on('data', (c: Buffer) => (err += c.toString()));
    return {
      io: { stdin: new PassThrough(), stdout, stderr, env: {}, prompt: async () => undefined },
      out: () => out,
      err: () => err,
    };
  }

  it('prints a pass table and exits 0 on a healthy stage', async () => {
    const t = io();

    const code = await run(['doctor', '--stage', 'dev'], t.io, { doctorClients: clients() });

    expect(code).toBe(0);
    expect(t.out()).toMatch(/^CHECK\s+RESULT\s+DETAIL/);
    expect(t.out()).toMatch(/canary secret\s+PASS/);
    expect(t.out()).toContain('SecretSentry-dev: all checks passed');
  });

  it('prints FAIL with the reason and exits 1 when a check fails', async () => {
    kms.on(GetKeyRotationStatusCommand).resolves({ KeyRotationEnabled: false });
    const t = io();

    const code = await run(['doctor', '--stage', 'dev', '--json'], t.io, {
      doctorClients: clients(),
    });

    expect(code).toBe(1);
    const report = JSON.parse(t.out()) as DoctorReport;
    expect(report.ok).toBe(false);
    expect(result(report, 'KMS key rotation')).toMatchObject({
      ok: false,
      detail: 'automatic rotation is off',
    });
  });

  it('fails with usage (2) without --stage', async () => {
    const t = io();

    expect(await run(['doctor'], t.io, { doctorClients: clients() })).toBe(2);
  });
});
