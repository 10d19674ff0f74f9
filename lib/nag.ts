// Every cdk-nag AwsSolutions finding this app accepts, on the narrowest construct, each with its reason.
// Anything not listed here fails the synth.
import { CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { CfnManagedPolicy, CfnPolicy, CfnRole } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import type { ApiFunction } from './constructs/api-function.ts';
import type { DataStores } from './constructs/data-stores.ts';
import type { SecretsApi } from './constructs/secrets-api.ts';
import type { WebHosting } from './constructs/web-hosting.ts';
import { ROUTES } from '../core/routes.ts';

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

/**
 * The stage stack as the acknowledgements see it: its constructs, not the module that builds it
 * (lib/secret-sentry-stack.ts calls this module, so this module must not import it).
 */
export interface AcknowledgedStage extends Stack {
  readonly config: { readonly qualifier: string };
  readonly data: Pick<DataStores, 'vault' | 'logBucket'>;
  readonly api: Pick<SecretsApi, 'api'>;
  readonly web: WebHosting;
  readonly functions: Readonly<Record<string, Pick<ApiFunction, 'role'>>>;
  readonly reaper: { readonly handler: Pick<ApiFunction, 'role'> };
  readonly webhooks: {
    readonly handler: Pick<ApiFunction, 'role'>;
    readonly expiryGroup: CfnResource;
  };
}

export function acknowledgeFindings(stack: AcknowledgedStage): void {
  acknowledge(stack.data.logBucket, {
    id: 'AwsSolutions-S1',
    reason: 'This is the server access log bucket; logging its own access would recurse.',
  });

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
  const vaultObjects = `${arnRef(stack.data.vault)}/secrets/*`;
  for (const [name, fn] of Object.entries(stack.functions)) {
    acknowledge(fn.role, {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level scoping.',
    });
    if (ROUTES.some((r) => r.name === name && r.access.vault.length > 0)) {
      acknowledge(fn.role, {
        id: `AwsSolutions-IAM5[Resource::${vaultObjects}]`,
        reason:
          'Object keys are random per secret; the grant is limited to the secrets/ prefix of the vault.',
      });
    }
  }

  acknowledge(
    stack.reaper.handler.role,
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level scoping.',
    },
    {
      id: `AwsSolutions-IAM5[Resource::${vaultObjects}]`,
      reason:
        'The reaper deletes the exact version a read names, of any secret: keys are random per secret, the ' +
        'grant is s3:DeleteObjectVersion under the secrets/ prefix only.',
    },
  );

  const expirySchedules = `arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/<${stack.getLogicalId(stack.webhooks.expiryGroup)}>/*`;
  acknowledge(stack.functions.create?.role ?? stack, {
    id: `AwsSolutions-IAM5[Resource::${expirySchedules}]`,
    reason:
      "Create makes one expiry schedule per secret with a webhook, named by the secret's random id: the " +
      "grant is scheduler:CreateSchedule in the stage's own expiry group only.",
  });

  acknowledge(stack.webhooks.handler.role, {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level scoping.',
  });

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
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-${stack.config.qualifier}-assets-<AWS::AccountId>-<AWS::Region>/*]`,
        reason,
      },
      { id: 'AwsSolutions-L1', reason: `${reason} The runtime is pinned by aws-cdk-lib.` },
    );
  }
}

/**
 * Why each wildcard of the deploy-access policies (lib/deploy-access.ts) is there, by statement id. A
 * statement with a wildcard action or resource and no entry here fails the synth.
 */
export const ACCESS_WILDCARD_REASONS: Record<string, string> = {
  StageTable:
    "CloudFormation creates, updates and deletes the stage's table, whose name it generates after the stack's name.",
  StageBuckets:
    "The stage's buckets have names CloudFormation generates from the stack's name; nothing else matches the prefix.",
  StageAssets:
    "Lambda code and templates are read from this stage's own bootstrap asset bucket, whose keys are content hashes.",
  StageKey:
    "KMS key ids are random: the grant is limited by the key's stage tag, which only this stage's keys carry.",
  CreateStageKey: "kms:CreateKey has no resource to name; the request must carry this stage's tag.",
  StageKeyAlias: "The key's alias is fixed per stage; the key side is limited by its stage tag.",
  StageLogs:
    "Log group names are generated from the stack's name (and the WAF group is named per stage).",
  LogDeliveryForWaf:
    'WAF logging to CloudWatch Logs needs log-delivery and resource-policy actions that support no resource.',
  StageFunctions: "Function names are generated from the stack's name.",
  StageEventSources:
    "Event source mappings have random ids and CreateEventSourceMapping names no resource: limited to the stage's functions by lambda:FunctionArn.",
  StageEventSourceTags:
    'Event source mappings have random ids; tagging one (the stage tag) grants nothing beyond the tag.',
  StageQueues:
    "Queue names are generated from the stack's name (the reaper's queue and its dead letters).",
  StageRoles:
    "Role names are generated from the stack's name; roles it creates must carry the boundary.",
  StageRolesCarryTheBoundary:
    "Only roles named for this stage, and only with this stage's permissions boundary attached.",
  CreateStageApi:
    'REST API ids are random: creation must carry the stage tag, and the API then matches StageApi by tag.',
  StageApi:
    "REST API ids are random: the grant is limited by the stage tag, which API Gateway's child resources inherit.",
  StageFirewall:
    'The web ACL is named for the stage; AWS managed rule groups are referenced by the ACL and must be readable.',
  StageAlarms:
    "Topic and alarm names are generated from the stack's name; the dashboard is named for the stage.",
  CreateStagePage: 'Amplify app ids are random: creation must carry the stage tag.',
  StagePage: 'Amplify app ids are random: the grant is limited by the stage tag.',
  Tracing: 'X-Ray trace segment actions support no resource-level scoping.',
  ThisStackOnly:
    "A CloudFormation stack ARN ends in a random id; the name fixes it to this stage's stack.",
  DiffThisStack:
    "A CloudFormation stack ARN ends in a random id; the name fixes it to this stage's stack.",
  ThisStagesTemplates:
    "Templates are uploaded to this stage's bootstrap asset bucket under content hashes.",
  DoctorStack: "A CloudFormation stack ARN ends in a random id; read only, this stage's stack.",
  DoctorResources:
    "Read-only checks of the stage's key (random id) and table (generated name) after each deploy.",
  DoctorVault: "Read-only checks of the stage's buckets (generated names) after each deploy.",
  DoctorEdge: 'Read-only: the WAF association of the stage API, whose id is random.',
  ApiGatewayWritesLogs:
    'API Gateway writes execution and access logs of every API in the account to log groups it names.',
};

type Json = unknown;

/** Renders an IAM value the way cdk-nag names it in a finding: `{Ref: X}` is `<X>`, GetAtt `<A.B>`. */
export function nagText(value: Json): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, Json>;
    if ('Ref' in v) return `<${String(v.Ref)}>`;
    if ('Fn::GetAtt' in v) return `<${(v['Fn::GetAtt'] as string[]).join('.')}>`;
    if ('Fn::Join' in v) {
      const [sep, parts] = v['Fn::Join'] as [string, Json[]];
      return parts.map(nagText).join(sep);
    }
  }
  return JSON.stringify(value);
}

interface JsonStatement {
  readonly Sid?: string;
  readonly Action?: string | string[];
  readonly Resource?: Json | Json[];
}

/** Acknowledges each wildcard of one policy document with its statement's reason. */
function acknowledgeWildcards(resource: CfnResource, document: Json): void {
  const resolved = Stack.of(resource).resolve(document) as
    { Statement?: JsonStatement[] } | undefined;
  for (const statement of resolved?.Statement ?? []) {
    const actions = [statement.Action ?? []].flat().filter((a) => a.includes('*'));
    const resources = [statement.Resource ?? []]
      .flat()
      .map(nagText)
      .filter((r) => r.includes('*'));
    if (actions.length + resources.length === 0) continue;
    const reason = statement.Sid ? ACCESS_WILDCARD_REASONS[statement.Sid] : undefined;
    if (!reason) {
      throw new Error(
        `${resource.node.path}: statement ${statement.Sid ?? '(no Sid)'} has wildcards and no reason in ACCESS_WILDCARD_REASONS`,
      );
    }
    acknowledge(
      resource,
      ...actions.map((a) => ({ id: `AwsSolutions-IAM5[Action::${a}]`, reason })),
      ...resources.map((r) => ({ id: `AwsSolutions-IAM5[Resource::${r}]`, reason })),
    );
  }
}

/** The deploy-access stacks: every wildcard in their policies, each with its statement's reason. */
export function acknowledgeAccessFindings(stack: Stack): void {
  for (const construct of stack.node.findAll()) {
    if (construct instanceof CfnManagedPolicy || construct instanceof CfnPolicy) {
      acknowledgeWildcards(construct, construct.policyDocument);
    } else if (construct instanceof CfnRole) {
      // Resolved from the L1 property, so keys are in its (camel-case) spelling.
      const inline = (Stack.of(construct).resolve(construct.policies) ?? []) as Array<{
        policyDocument: Json;
      }>;
      for (const policy of inline) acknowledgeWildcards(construct, policy.policyDocument);
    }
  }
}
