// Every cdk-nag AwsSolutions finding this app accepts, on the narrowest construct, each with its reason.
// Anything not listed here fails the synth.
import { CfnResource, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { SecretSentryStack } from './secret-sentry-stack.ts';

/** Construct ids of the stack-wide singletons that aws-cdk-lib adds for custom resources. */
const AWS_CUSTOM_RESOURCE_ID = 'AWS679f53fac002430cb0da5b7982bd2287';
const BUCKET_DEPLOYMENT_PREFIX = 'Custom::CDKBucketDeployment';

export interface Acknowledgement {
  readonly id: string;
  readonly reason: string;
}

function acknowledge(scope: IConstruct, ...findings: Acknowledgement[]): void {
  for (const finding of findings) Validations.of(scope).acknowledge(finding);
}

/** How cdk-nag spells a resource's ARN inside an IAM5 finding id. */
const arnRef = (resource: IConstruct): string => {
  const cfn = CfnResource.isCfnResource(resource)
    ? resource
    : (resource.node.defaultChild as CfnResource);
  return `<${Stack.of(resource).getLogicalId(cfn)}.Arn>`;
};

export function acknowledgeFindings(stack: SecretSentryStack): void {
  const restApi = stack.api.api;
  acknowledge(
    restApi,
    {
      id: 'AwsSolutions-APIG2',
      reason:
        'Requests are validated by the handlers against one schema per endpoint (the same code the local stack ' +
        'runs), so errors keep the API shape {error, message}; a gateway model would duplicate the schema.',
    },
    {
      id: 'AwsSolutions-APIG4',
      reason:
        'No IAM/Cognito authorizer by design: possession of the link is the credential. meta/read need a read ' +
        'token, revoke/receipt a manage token, checked by hash in the handler; create and health are public.',
    },
    {
      id: 'AwsSolutions-COG4',
      reason:
        'Anonymous senders and recipients; there are no user accounts, so no Cognito user pool.',
    },
  );
  acknowledge(restApi.deploymentStage, {
    id: 'AwsSolutions-APIG6',
    reason:
      'Execution logging needs the account-wide API Gateway CloudWatch role (one per account and region, ' +
      'shared by all stages) and at INFO level records request bodies, i.e. ciphertexts. Access logs, X-Ray ' +
      'and the Lambda logs cover operations.',
  });

  const vaultObjects = `${arnRef(stack.data.vault)}/secrets/*`;
  for (const [name, fn] of Object.entries(stack.functions)) {
    acknowledge(fn.role, {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level scoping.',
    });
    if (['create', 'read', 'revoke'].includes(name)) {
      acknowledge(fn.role, {
        id: `AwsSolutions-IAM5[Resource::${vaultObjects}]`,
        reason:
          'Object keys are random per secret; the grant is limited to the secrets/ prefix of the vault.',
      });
    }
  }

  const web = stack.web;
  acknowledge(
    web,
    {
      id: `AwsSolutions-IAM5[Resource::${arnRef(web.branch)}/*]`,
      reason:
        'amplify:StartDeployment acts on the branch and the deployment job it creates, whose id is not known.',
    },
    {
      id: `AwsSolutions-IAM5[Resource::${arnRef(web.node.findChild('Staging'))}/site/*]`,
      reason: 'The staged page lives under a per-deployment prefix of site/ in the staging bucket.',
    },
  );

  const customResource = stack.node.tryFindChild(AWS_CUSTOM_RESOURCE_ID);
  if (customResource) {
    acknowledge(customResource, {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'aws-cdk-lib AwsCustomResource provider (starts the Amplify deployment); its role is not configurable.',
    });
  }
  const bucketDeployment = stack.node.children.find((c) =>
    c.node.id.startsWith(BUCKET_DEPLOYMENT_PREFIX),
  );
  if (bucketDeployment) {
    const reason =
      'aws-cdk-lib BucketDeployment provider copying the page to its staging bucket: CDK generates its role ' +
      '(read the CDK asset bucket, write the staging bucket) and its runtime.';
    acknowledge(
      bucketDeployment,
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason,
      },
      { id: 'AwsSolutions-IAM5[Action::s3:Abort*]', reason },
      { id: 'AwsSolutions-IAM5[Action::s3:DeleteObject*]', reason },
      { id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]', reason },
      { id: 'AwsSolutions-IAM5[Action::s3:GetObject*]', reason },
      { id: 'AwsSolutions-IAM5[Action::s3:List*]', reason },
      { id: `AwsSolutions-IAM5[Resource::${arnRef(web.node.findChild('Staging'))}/*]`, reason },
      {
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
        reason,
      },
      { id: 'AwsSolutions-L1', reason: `${reason} The runtime is pinned by aws-cdk-lib.` },
    );
  }
}
