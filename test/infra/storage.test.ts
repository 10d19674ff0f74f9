// The key, the vault and the token table: secure defaults pinned, and data retained outside dev.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { Match } from 'aws-cdk-lib/assertions';
import { resourceOf, synthStage, type Synthesized } from './synth.ts';

let dev: Synthesized;
let prod: Synthesized;
beforeAll(() => {
  dev = synthStage('dev');
  prod = synthStage('prod');
});

describe('KMS key', () => {
  it('is a customer-managed key with rotation on and a stage alias', () => {
    dev.template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    dev.template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/secretsentry/dev' });
    prod.template.hasResourceProperties('AWS::KMS::Alias', {
      AliasName: 'alias/secretsentry/prod',
    });
  });

  it('is retained outside dev and scheduled for deletion in dev', () => {
    prod.template.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    dev.template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Delete' });
  });
});

describe('S3 vault', () => {
  const vault = (s: Synthesized) => resourceOf(s.template, 'AWS::S3::Bucket', 'DataVault');

  it('is versioned', () => {
    expect(vault(dev).VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });

  it('encrypts with the stage key (SSE-KMS) and the S3 Bucket Key on', () => {
    expect(vault(dev).BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        {
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: {
            SSEAlgorithm: 'aws:kms',
            KMSMasterKeyID: { 'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'] },
          },
        },
      ],
    });
  });

  it('blocks all public access and enforces bucket-owner object ownership', () => {
    expect(vault(dev).PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(vault(dev).OwnershipControls).toEqual({
      Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }],
    });
  });

  it('denies requests without TLS', () => {
    dev.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp('^DataVault') },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('logs server access to the separate log bucket', () => {
    expect(vault(dev).LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: expect.stringMatching(/^DataAccessLogs/) },
      LogFilePrefix: 'vault/',
    });
  });

  it('expires secrets within 4 days, noncurrent versions after 1, delete markers and stale uploads', () => {
    const rules = (vault(dev).LifecycleConfiguration as { Rules: Array<Record<string, unknown>> })
      .Rules;
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Prefix: 'secrets/',
          Status: 'Enabled',
          ExpirationInDays: 4,
          NoncurrentVersionExpiration: { NoncurrentDays: 1 },
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
        }),
        expect.objectContaining({ ExpiredObjectDeleteMarker: true, Status: 'Enabled' }),
      ]),
    );
  });

  it('is retained outside dev', () => {
    prod.template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ VersioningConfiguration: { Status: 'Enabled' } }),
    });
  });
});

describe('DynamoDB token table', () => {
  const table = (s: Synthesized) => resourceOf(s.template, 'AWS::DynamoDB::Table');

  it('is on-demand, keyed by id, with TTL on purgeAt', () => {
    expect(table(dev)).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'purgeAt', Enabled: true },
    });
  });

  it('is encrypted with the stage key and has point-in-time recovery', () => {
    expect(table(dev)).toMatchObject({
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'] },
      },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('has deletion protection and is retained outside dev only', () => {
    expect(table(prod).DeletionProtectionEnabled).toBe(true);
    expect(table(dev).DeletionProtectionEnabled).toBe(false);
    prod.template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
    dev.template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
  });
});
