// Least privilege, derived from the route table: what each operation touches becomes exactly these IAM actions.
import { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, type IPrincipal, type IRole } from 'aws-cdk-lib/aws-iam';
import type { CfnScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Route, TableAccess, VaultAccess } from '../core/routes.ts';

export const TABLE_ACTIONS: Record<TableAccess, readonly string[]> = {
  get: ['dynamodb:GetItem'],
  put: ['dynamodb:PutItem'],
  update: ['dynamodb:UpdateItem'],
};

export const VAULT_ACTIONS: Record<VaultAccess, readonly string[]> = {
  // GetObject without a VersionId returns the current version and its id: s3:GetObject suffices.
  get: ['s3:GetObject'],
  put: ['s3:PutObject'],
  // The vault is always versioned in AWS and deletes the exact version. (A plain DeleteObject, the
  // vault's fallback when no version id is known, happens only against the unversioned local emulator.)
  delete: ['s3:DeleteObjectVersion'],
  // A presigned URL acts with the signer's rights: PutObject, CreateMultipartUpload and UploadPart
  // are all s3:PutObject.
  'presign-put': ['s3:PutObject'],
  // HeadObject is authorised as s3:GetObject; it returns no body, so needs no key.
  head: ['s3:GetObject'],
  // CompleteMultipartUpload is authorised as s3:PutObject.
  complete: ['s3:PutObject'],
  // The download URL names the exact version sealed.
  'presign-get': ['s3:GetObjectVersion'],
};

/** Vault uses that write an object (S3 generates its data key) or read one (S3 decrypts it). */
const VAULT_WRITES: readonly VaultAccess[] = ['put', 'presign-put', 'complete'];
const VAULT_READS: readonly VaultAccess[] = ['get', 'presign-get'];

/** KMS use the table needs, through DynamoDB only: readers decrypt, writers also encrypt the item. */
function tableKeyActions(access: readonly TableAccess[]): string[] {
  if (access.length === 0) return [];
  const writes = access.some((a) => a === 'put' || a === 'update');
  return [
    'kms:Decrypt',
    'kms:DescribeKey',
    ...(writes ? ['kms:Encrypt', 'kms:GenerateDataKey'] : []),
  ];
}

/**
 * KMS use the vault needs, through S3 only. A put (also through an upload URL, or completing a
 * multipart upload, which S3 re-encrypts) generates the object's data key; with an S3 Bucket Key
 * S3 may also decrypt the bucket-level key for the writer, so put gets kms:Decrypt too: harmless, since
 * without s3:GetObject the writer can never obtain an object to decrypt.
 */
function vaultKeyActions(access: readonly VaultAccess[]): string[] {
  const actions = new Set<string>();
  if (access.some((a) => VAULT_WRITES.includes(a)))
    ['kms:GenerateDataKey', 'kms:Decrypt'].forEach((a) => actions.add(a));
  if (access.some((a) => VAULT_READS.includes(a))) actions.add('kms:Decrypt');
  return [...actions].sort();
}

export interface AccessTargets {
  readonly table: ITable;
  readonly vault: IBucket;
  readonly key: IKey;
}

const viaService = (scope: IKey, service: 'dynamodb' | 's3') => ({
  StringEquals: {
    'kms:ViaService': `${service}.${Stack.of(scope).region}.${Stack.of(scope).urlSuffix}`,
  },
});

/** The identity-policy statements one route's role needs, and nothing else. */
export function routeStatements(
  route: Pick<Route, 'access'>,
  targets: AccessTargets,
): PolicyStatement[] {
  const { table, vault, key } = targets;
  const statements: PolicyStatement[] = [];
  const tableActions = route.access.table.flatMap((a) => TABLE_ACTIONS[a]);
  if (tableActions.length > 0) {
    statements.push(new PolicyStatement({ actions: tableActions, resources: [table.tableArn] }));
  }
  const vaultActions = [...new Set(route.access.vault.flatMap((a) => VAULT_ACTIONS[a]))];
  if (vaultActions.length > 0) {
    statements.push(
      new PolicyStatement({ actions: vaultActions, resources: [vault.arnForObjects('secrets/*')] }),
    );
  }
  const tableKey = tableKeyActions(route.access.table);
  if (tableKey.length > 0) {
    statements.push(
      new PolicyStatement({
        actions: tableKey,
        resources: [key.keyArn],
        conditions: viaService(key, 'dynamodb'),
      }),
    );
  }
  const vaultKey = vaultKeyActions(route.access.vault);
  if (vaultKey.length > 0) {
    statements.push(
      new PolicyStatement({
        actions: vaultKey,
        resources: [key.keyArn],
        conditions: viaService(key, 's3'),
      }),
    );
  }
  return statements;
}

/**
 * The matching key-policy statements: the key names each role that may use it, for what, and through
 * which service. Returns nothing for a route that touches no encrypted store.
 */
export function routeKeyPolicyStatements(
  route: { readonly name: string; readonly access: Route['access'] },
  key: IKey,
  principal: IPrincipal,
): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  const tableKey = tableKeyActions(route.access.table);
  if (tableKey.length > 0) {
    out.push(
      new PolicyStatement({
        sid: `Use${capitalise(route.name)}ViaDynamoDB`,
        effect: Effect.ALLOW,
        principals: [principal],
        actions: tableKey,
        resources: ['*'],
        conditions: viaService(key, 'dynamodb'),
      }),
    );
  }
  const vaultKey = vaultKeyActions(route.access.vault);
  if (vaultKey.length > 0) {
    out.push(
      new PolicyStatement({
        sid: `Use${capitalise(route.name)}ViaS3`,
        effect: Effect.ALLOW,
        principals: [principal],
        actions: vaultKey,
        resources: ['*'],
        conditions: viaService(key, 's3'),
      }),
    );
  }
  return out;
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The reaper's one use of the vault: deleting the exact object version a read scheduled. No KMS:
 * deleting an encrypted object decrypts nothing. (Reading its queue is granted by its event source.)
 */
export function reaperStatements(vault: IBucket): PolicyStatement[] {
  return [
    new PolicyStatement({
      actions: [...VAULT_ACTIONS.delete],
      resources: [vault.arnForObjects('secrets/*')],
    }),
  ];
}

/** What read, destroy and revoke may do with the webhook queue: send notices, nothing else. */
export function webhookQueueStatements(queue: IQueue): PolicyStatement[] {
  return [new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] })];
}

/**
 * What the read route may do with the reaper's queue: send a delayed deletion, nothing else (no
 * receive, delete, purge or attributes). The queue is encrypted with SQS's own key, so no KMS either.
 */
export function deletionQueueStatements(queue: IQueue): PolicyStatement[] {
  return [new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] })];
}

/**
 * What create may do for a secret's expiry alarm: create one-time schedules in the expiry group only,
 * and hand EventBridge Scheduler the one role that may put a notice on the webhook queue (PassRole to
 * that service alone). No update, delete, read or other group.
 */
export function expiryAlarmStatements(target: {
  readonly expiryGroup: CfnScheduleGroup;
  readonly expiryRole: IRole;
}): PolicyStatement[] {
  return [
    new PolicyStatement({
      actions: ['scheduler:CreateSchedule'],
      resources: [
        Stack.of(target.expiryGroup).formatArn({
          service: 'scheduler',
          resource: 'schedule',
          resourceName: `${target.expiryGroup.ref}/*`,
        }),
      ],
    }),
    new PolicyStatement({
      actions: ['iam:PassRole'],
      resources: [target.expiryRole.roleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    }),
  ];
}
