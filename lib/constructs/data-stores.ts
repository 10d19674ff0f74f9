// The stage's customer-managed key, the S3 vault (with its access-log bucket) and the DynamoDB token table.
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import {
  AccountRootPrincipal,
  PolicyDocument,
  PolicyStatement,
  type IPrincipal,
} from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectOwnership,
  type IBucket,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { LIMITS } from '../../core/limits.ts';

export interface DataStoresProps {
  /** Names the stage in the key's description. */
  readonly stage: string;
  /** The key's alias, e.g. `alias/secretsentry/dev` (the deploy access grants exactly this one). */
  readonly keyAlias: string;
  /** Keep the key, vault and table (and their data) when the stack is deleted. */
  readonly retainData: boolean;
  /** How long server access logs are kept, in days. */
  readonly accessLogDays: number;
  /** Who administers the key: the CloudFormation execution role and any named admin roles. */
  readonly keyAdmins: readonly IPrincipal[];
}

/**
 * Key administration, given to the named administrators only (the stage's CloudFormation execution role
 * and the configured key admins): no encrypt or decrypt, and no wildcard actions.
 */
export const KEY_ADMIN_ACTIONS = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:RevokeGrant',
  'kms:RotateKeyOnDemand',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
];

/** What anyone in the account may read about the key (the doctor checks rotation). */
export const KEY_READ_ACTIONS = [
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListResourceTags',
];

/** The TTL attribute: epoch seconds, the secret's expiry plus the receipt retention. */
export const TTL_ATTRIBUTE = 'purgeAt';

export class DataStores extends Construct {
  readonly key: Key;
  readonly vault: Bucket;
  readonly logBucket: IBucket;
  readonly table: Table;

  constructor(scope: Construct, id: string, props: DataStoresProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const removalPolicy = props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.key = new Key(this, 'Key', {
      alias: props.keyAlias,
      description: `SecretSentry ${props.stage}: vault objects and token table`,
      enableKeyRotation: true,
      removalPolicy,
      pendingWindow: Duration.days(props.retainData ? 30 : 7),
      // Replaces the default "account may do kms:*": named principals administer the key, the account may
      // read its state; use is granted to the roles that need it (added by the stack) and to table
      // management through DynamoDB only.
      policy: new PolicyDocument({
        statements: [
          new PolicyStatement({
            sid: 'KeyAdministration',
            principals: [...props.keyAdmins],
            actions: KEY_ADMIN_ACTIONS,
            resources: ['*'],
          }),
          new PolicyStatement({
            sid: 'GrantsForAwsServicesOnly',
            principals: [...props.keyAdmins],
            actions: ['kms:CreateGrant'],
            resources: ['*'],
            conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
          }),
          new PolicyStatement({
            sid: 'AccountReadsKeyState',
            principals: [new AccountRootPrincipal()],
            actions: KEY_READ_ACTIONS,
            resources: ['*'],
          }),
          new PolicyStatement({
            sid: 'TableManagementViaDynamoDB',
            principals: [new AccountRootPrincipal()],
            actions: [
              'kms:Encrypt',
              'kms:Decrypt',
              'kms:ReEncrypt*',
              'kms:GenerateDataKey*',
              'kms:DescribeKey',
            ],
            resources: ['*'],
            conditions: {
              StringEquals: {
                'kms:ViaService': `dynamodb.${stack.region}.${stack.urlSuffix}`,
                'kms:CallerAccount': stack.account,
              },
            },
          }),
        ],
      }),
    });

    const logBucket = new Bucket(this, 'AccessLogs', {
      // S3 server access logging cannot deliver to SSE-KMS buckets.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      lifecycleRules: [{ id: 'ExpireAccessLogs', expiration: Duration.days(props.accessLogDays) }],
      removalPolicy,
      autoDeleteObjects: !props.retainData,
    });
    this.logBucket = logBucket;

    this.vault = new Bucket(this, 'Vault', {
      versioned: true,
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: 'vault/',
      lifecycleRules: [
        {
          // Backstop for the handlers' exact-version deletes: nothing outlives the longest TTL by more
          // than a day (S3 rounds expiry to the next midnight UTC).
          id: 'ExpireSecrets',
          prefix: 'secrets/',
          expiration: Duration.days(Math.ceil(LIMITS.ttlSeconds.max / 86_400) + 1),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        // S3 rejects expiredObjectDeleteMarker in a rule that also sets an expiration age.
        { id: 'RemoveExpiredDeleteMarkers', expiredObjectDeleteMarker: true },
      ],
      removalPolicy,
      autoDeleteObjects: !props.retainData,
    });

    this.table = new Table(this, 'Tokens', {
      partitionKey: { name: 'id', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TTL_ATTRIBUTE,
      deletionProtection: props.retainData,
      removalPolicy,
    });
  }
}
