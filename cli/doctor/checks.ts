// `secretsentry doctor`: checks a deployed stage against docs/design.md §7's bars and runs a canary
// through the real API. Clients are injected so tests use aws-sdk-client-mock.
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
import { ApiError, createApiClient } from '../../core/api.ts';
import { prepareReveal, revealSecret, shareSecret } from '../../core/flows.ts';
import { parseLink } from '../../core/links.ts';
import { oneLine } from '../exit.ts';
import { OUTPUT_KEYS, stackName } from '../../core/stack-contract.ts';

export { OUTPUT_KEYS, stackName };
export type StackOutputs = Record<(typeof OUTPUT_KEYS)[number], string>;

export interface DoctorClients {
  readonly cloudFormation: CloudFormationClient;
  readonly kms: KMSClient;
  readonly s3: S3Client;
  readonly dynamo: DynamoDBClient;
  readonly wafv2: WAFV2Client;
  readonly fetch: typeof fetch;
}

export function createDoctorClients(region?: string): DoctorClients {
  const config = region ? { region } : {};
  return {
    cloudFormation: new CloudFormationClient(config),
    kms: new KMSClient(config),
    s3: new S3Client(config),
    dynamo: new DynamoDBClient(config),
    wafv2: new WAFV2Client(config),
    fetch: globalThis.fetch,
  };
}

export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

type Check = { name: string; run: (outputs: StackOutputs) => Promise<string> };

/** A failed check: its message is the reason printed in the table. */
class CheckFailed extends Error {}
const fail = (reason: string): never => {
  throw new CheckFailed(reason);
};

/** True when `configured` names the key `keyArn` by ARN or by key id. */
function sameKey(configured: string | undefined, keyArn: string): boolean {
  if (!configured) return false;
  return configured === keyArn || keyArn.endsWith(`:key/${configured}`);
}

function checks(clients: DoctorClients): Check[] {
  return [
    {
      name: 'KMS key enabled',
      run: async (o) => {
        const { KeyMetadata: key } = await clients.kms.send(
          new DescribeKeyCommand({ KeyId: o.KeyArn }),
        );
        if (key?.KeyState !== 'Enabled' || key.Enabled !== true)
          fail(`key state is ${key?.KeyState ?? 'unknown'}`);
        if (key?.KeyManager !== 'CUSTOMER') fail('not a customer-managed key');
        return 'customer-managed, enabled';
      },
    },
    {
      name: 'KMS key rotation',
      run: async (o) => {
        const status = await clients.kms.send(new GetKeyRotationStatusCommand({ KeyId: o.KeyArn }));
        if (status.KeyRotationEnabled !== true) fail('automatic rotation is off');
        return `on${status.RotationPeriodInDays ? `, every ${status.RotationPeriodInDays} days` : ''}`;
      },
    },
    {
      name: 'vault versioning',
      run: async (o) => {
        const v = await clients.s3.send(new GetBucketVersioningCommand({ Bucket: o.BucketName }));
        if (v.Status !== 'Enabled') fail(`versioning is ${v.Status ?? 'never enabled'}`);
        return 'enabled';
      },
    },
    {
      name: 'vault SSE-KMS',
      run: async (o) => {
        const enc = await clients.s3.send(new GetBucketEncryptionCommand({ Bucket: o.BucketName }));
        const rule = enc.ServerSideEncryptionConfiguration?.Rules?.[0];
        const byDefault = rule?.ApplyServerSideEncryptionByDefault;
        if (byDefault?.SSEAlgorithm !== 'aws:kms')
          fail(`default encryption is ${byDefault?.SSEAlgorithm ?? 'not set'}, not aws:kms`);
        if (!sameKey(byDefault?.KMSMasterKeyID, o.KeyArn))
          fail('encrypts with another key than KeyArn');
        if (rule?.BucketKeyEnabled !== true) fail('S3 Bucket Key is off');
        return 'aws:kms with the stage key, Bucket Key on';
      },
    },
    {
      name: 'table TTL',
      run: async (o) => {
        const ttl = await clients.dynamo.send(
          new DescribeTimeToLiveCommand({ TableName: o.TableName }),
        );
        const status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
        if (status !== 'ENABLED') fail(`TTL is ${status ?? 'unknown'}`);
        return `enabled on ${ttl.TimeToLiveDescription?.AttributeName ?? '?'}`;
      },
    },
    {
      name: 'table PITR',
      run: async (o) => {
        const backups = await clients.dynamo.send(
          new DescribeContinuousBackupsCommand({ TableName: o.TableName }),
        );
        const pitr =
          backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription
            ?.PointInTimeRecoveryStatus;
        if (pitr !== 'ENABLED') fail(`point-in-time recovery is ${pitr ?? 'unknown'}`);
        return 'enabled';
      },
    },
    {
      name: 'WAF on API stage',
      run: async (o) => {
        const { WebACL: acl } = await clients.wafv2.send(
          new GetWebACLForResourceCommand({ ResourceArn: o.ApiStageArn }),
        );
        if (!acl) fail('no web ACL is associated with the API stage');
        if (acl?.ARN !== o.WebAclArn) fail(`another web ACL is associated (${acl?.Name ?? '?'})`);
        return `${acl?.Name ?? 'web ACL'} associated`;
      },
    },
    { name: 'canary secret', run: (o) => canary(clients, o) },
  ];
}

/** Shares a random value through the real API, reads it back once, and confirms it is gone everywhere. */
async function canary(clients: DoctorClients, o: StackOutputs): Promise<string> {
  const api = createApiClient(o.ApiUrl, clients.fetch);
  const value = `secretsentry doctor canary ${crypto.randomUUID()}`;
  const step = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      if (error instanceof CheckFailed) throw error;
      const why =
        error instanceof ApiError
          ? `${error.status} ${error.code}`
          : oneLine((error as Error).message);
      return fail(`${what} failed: ${why}`);
    }
  };
  // The page's origin does not matter: the links are parsed back here, never opened.
  const shared = await step('create', () =>
    shareSecret(api, { secret: value, pageOrigin: o.ApiUrl, maxReads: 1, ttlSeconds: 60 }),
  );
  const link = parseLink(shared.link);
  const toReveal = await step('metadata', () => prepareReveal(api, link));
  const revealed = await step('read', () => revealSecret(api, toReveal));
  if (revealed.kind !== 'text') return fail('the canary came back as a file');
  const plaintext = new TextDecoder().decode(revealed.plaintext);
  if (plaintext !== value) fail('read back a different value');
  const again = await prepareReveal(api, link).then(
    () => 'still there',
    (error: unknown) => (error instanceof ApiError && error.status === 404 ? 'gone' : 'error'),
  );
  if (again !== 'gone')
    fail(
      `after its only read the secret is ${again === 'error' ? 'in an unknown state' : 'still readable'}`,
    );
  const versions = await step('listing the vault', () =>
    clients.s3.send(
      new ListObjectVersionsCommand({ Bucket: o.BucketName, Prefix: `secrets/${shared.id}` }),
    ),
  );
  if ((versions.Versions ?? []).length > 0) fail('the ciphertext is still in the vault');
  return 'created, read once, gone from the API and the vault';
}

export interface DoctorReport {
  readonly stack: string;
  readonly results: readonly CheckResult[];
  readonly ok: boolean;
}

export async function runDoctor(stage: string, clients: DoctorClients): Promise<DoctorReport> {
  const stack = stackName(stage);
  const results: CheckResult[] = [];
  let outputs: StackOutputs | undefined;
  try {
    const described = await clients.cloudFormation.send(
      new DescribeStacksCommand({ StackName: stack }),
    );
    const found = described.Stacks?.[0];
    if (!found) fail('stack not found');
    const values: Partial<StackOutputs> = {};
    for (const output of found?.Outputs ?? []) {
      if (output.OutputKey && output.OutputValue)
        values[output.OutputKey as keyof StackOutputs] = output.OutputValue;
    }
    const missing = OUTPUT_KEYS.filter((k) => values[k] === undefined);
    if (missing.length > 0) fail(`missing outputs: ${missing.join(', ')}`);
    outputs = values as StackOutputs;
    results.push({
      name: 'stack outputs',
      ok: true,
      detail: `${stack} (${found?.StackStatus ?? '?'})`,
    });
  } catch (error) {
    results.push({ name: 'stack outputs', ok: false, detail: reason(error) });
  }
  for (const check of checks(clients)) {
    if (!outputs) {
      results.push({ name: check.name, ok: false, detail: 'not run: no stack outputs' });
      continue;
    }
    try {
      results.push({ name: check.name, ok: true, detail: await check.run(outputs) });
    } catch (error) {
      results.push({ name: check.name, ok: false, detail: reason(error) });
    }
  }
  return { stack, results, ok: results.every((r) => r.ok) };
}

function reason(error: unknown): string {
  if (error instanceof CheckFailed) return error.message;
  const named = error as { name?: string; message?: string };
  return oneLine(`${named.name ?? 'Error'}: ${named.message ?? String(error)}`);
}

export function formatReport(report: DoctorReport): string {
  const width = Math.max(...report.results.map((r) => r.name.length), 5);
  const lines = [
    `${'CHECK'.padEnd(width)}  RESULT  DETAIL`,
    ...report.results.map(
      (r) => `${r.name.padEnd(width)}  ${r.ok ? 'PASS  ' : 'FAIL  '}  ${r.detail}`,
    ),
  ];
  const failed = report.results.filter((r) => !r.ok).length;
  lines.push(
    '',
    failed === 0
      ? `${report.stack}: all checks passed`
      : `${report.stack}: ${failed} check(s) failed`,
  );
  return lines.join('\n') + '\n';
}
