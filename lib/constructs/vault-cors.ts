// The vault's CORS: the page uploads and downloads file bodies straight to and from S3 through
// presigned URLs, so S3 must answer the page's origin, and only it. Put by a custom resource, not as
// the bucket's own property: the page's CSP names the vault (so the Amplify app refers to the bucket)
// and the CORS rule names the page (so the bucket would refer to the app), a cycle CloudFormation
// refuses. CDK sets bucket notifications the same way for the same reason.
import { Duration } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import {
  AwsCustomResource,
  AwsCustomResourcePolicy,
  PhysicalResourceId,
  type AwsSdkCall,
} from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

/** How long a browser may cache a preflight (browsers cap it lower: Chromium at two hours). */
export const VAULT_CORS_MAX_AGE = Duration.hours(1);

export interface VaultCorsProps {
  readonly vault: IBucket;
  /** The page's origin, the only one allowed. */
  readonly pageOrigin: string;
}

/**
 * GET (download) and PUT (an object, or one part of a multipart upload) from the page's origin, with
 * no request header beyond those the browser adds itself (the URLs sign the size, and the client sends
 * the body alone), and the ETag readable: the page reports each part's ETag to seal a multipart upload.
 */
export function vaultCorsRule(pageOrigin: string) {
  return {
    AllowedOrigins: [pageOrigin],
    AllowedMethods: ['GET', 'PUT'],
    ExposeHeaders: ['ETag'],
    MaxAgeSeconds: VAULT_CORS_MAX_AGE.toSeconds(),
  };
}

export class VaultCors extends Construct {
  constructor(scope: Construct, id: string, props: VaultCorsProps) {
    super(scope, id);
    const put: AwsSdkCall = {
      service: 'S3',
      action: 'PutBucketCors',
      parameters: {
        Bucket: props.vault.bucketName,
        CORSConfiguration: { CORSRules: [vaultCorsRule(props.pageOrigin)] },
      },
      physicalResourceId: PhysicalResourceId.of('vault-cors'),
    };
    // Put again whenever the rule or the origin changes. Nothing on delete: the vault outlives the
    // stack outside dev, and a replaced resource must not remove what its successor put. It runs on
    // the stack's one AwsCustomResource provider (its log group is the page deployment's).
    new AwsCustomResource(this, 'PutCors', {
      onCreate: put,
      onUpdate: put,
      installLatestAwsSdk: false,
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({ actions: ['s3:PutBucketCORS'], resources: [props.vault.bucketArn] }),
      ]),
    });
  }
}
