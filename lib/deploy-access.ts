// Who may deploy what. An administrator deploys these stacks once, before any pipeline runs
// (docs/oidc-bootstrap.md):
// - `SecretSentry-account`, once per account and region: what every stage there shares (API Gateway's
//   CloudWatch Logs role, GitHub's OIDC provider).
// - `SecretSentryAccess-<stage>`, once per stage: the stage's permissions boundary, the policy its
//   CloudFormation execution role gets, a deploy role that can touch that stage's stack only, and the
//   role its GitHub environment assumes (plus, for prod, a read-only plan role for `cdk diff`).
// Every name here derives from the stage and its qualifier, so a role of one stage matches no resource,
// stack, asset bucket or role of another.
import {
  Aws,
  CfnCondition,
  CfnParameter,
  CliCredentialsStackSynthesizer,
  Fn,
  RemovalPolicy,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import { CfnAccount } from 'aws-cdk-lib/aws-apigateway';
import {
  CfnOIDCProvider,
  Effect,
  FederatedPrincipal,
  ManagedPolicy,
  PolicyDocument,
  PolicyStatement,
  Role,
  ServicePrincipal,
  ArnPrincipal,
  type IPrincipal,
} from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { StageConfig, StageName } from './config.ts';
import { acknowledgeAccessFindings } from './nag.ts';
import { stackName } from '../core/stack-contract.ts';

export const ACCOUNT_STACK_NAME = 'SecretSentry-account';
export const accessStackName = (stage: StageName): string => `SecretSentryAccess-${stage}`;

/** The stage tag every resource of a stage's stack carries (lib/app.ts); tag-scoped grants key on it. */
export const STAGE_TAG = 'stage';

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
/** The workflow whose jobs may deploy (its `job_workflow_ref` is part of the trusted OIDC subject). */
export const DEPLOY_WORKFLOW = '.github/workflows/deploy.yml';
/** The GitHub environment whose job runs `cdk diff` for prod before the approval. */
export const PLAN_ENVIRONMENT = 'prod-plan';

/** Every name one stage's access is built from. */
export function accessNames(stage: StageName, qualifier: string) {
  const account = Aws.ACCOUNT_ID;
  const region = Aws.REGION;
  const partition = Aws.PARTITION;
  return {
    stackName: stackName(stage),
    /** CloudFormation names what it creates `<stack name>-<logical id>-<suffix>`. */
    resourcePrefix: `${stackName(stage)}-`,
    /** Bucket names are the same, lower-cased. */
    bucketPrefix: `${stackName(stage).toLowerCase()}-`,
    boundaryName: `SecretSentryBoundary-${stage}`,
    executionPolicyName: `SecretSentryCfnExec-${stage}`,
    deployRoleName: `SecretSentryDeploy-${stage}`,
    githubRoleName: `SecretSentryGitHub-${stage}`,
    planRoleName: `SecretSentryPlan-${stage}`,
    wafLogGroupName: `aws-waf-logs-secretsentry-${stage}`,
    keyAlias: `alias/secretsentry/${stage}`,
    dashboardName: stackName(stage),
    executionRoleArn: `arn:${partition}:iam::${account}:role/cdk-${qualifier}-cfn-exec-role-${account}-${region}`,
    fileAssetRoleArn: `arn:${partition}:iam::${account}:role/cdk-${qualifier}-file-publishing-role-${account}-${region}`,
    lookupRoleArn: `arn:${partition}:iam::${account}:role/cdk-${qualifier}-lookup-role-${account}-${region}`,
    assetsBucketArn: `arn:${partition}:s3:::cdk-${qualifier}-assets-${account}-${region}`,
    bootstrapVersionArn: `arn:${partition}:ssm:${region}:${account}:parameter/cdk-bootstrap/${qualifier}/version`,
  };
}

/** ARN of an IAM role or policy of this account, by name. */
const iamArn = (kind: 'role' | 'policy', name: string): string =>
  `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:${kind}/${name}`;
const arn = (service: string, resource: string, region = Aws.REGION): string =>
  `arn:${Aws.PARTITION}:${service}:${region}:${Aws.ACCOUNT_ID}:${resource}`;

const stageTagged = (stage: string) => ({
  StringEquals: { [`aws:ResourceTag/${STAGE_TAG}`]: stage },
});
const stageRequested = (stage: string) => ({
  StringEquals: { [`aws:RequestTag/${STAGE_TAG}`]: stage },
});

/** Synthesized without bootstrap roles: these stacks exist before any stage is bootstrapped. */
const adminSynthesizer = () => new CliCredentialsStackSynthesizer();

// ---------------------------------------------------------------------------------------------------

export class AccountStack extends Stack {
  readonly apiGatewayLogsRole: Role;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, { ...props, synthesizer: adminSynthesizer() });

    // API Gateway writes execution and access logs with one role per account and region. Kept when the
    // stack goes: other API Gateway APIs of the account may rely on the setting.
    this.apiGatewayLogsRole = new Role(this, 'ApiGatewayLogsRole', {
      assumedBy: new ServicePrincipal('apigateway.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      description: 'API Gateway (every API of this account and region) writes CloudWatch Logs',
      inlinePolicies: {
        logs: new PolicyDocument({
          statements: [
            new PolicyStatement({
              sid: 'ApiGatewayWritesLogs',
              actions: [
                'logs:CreateLogGroup',
                'logs:CreateLogStream',
                'logs:DescribeLogGroups',
                'logs:DescribeLogStreams',
                'logs:PutLogEvents',
                'logs:GetLogEvents',
                'logs:FilterLogEvents',
              ],
              resources: [arn('logs', 'log-group:*')],
            }),
          ],
        }),
      },
    });
    this.apiGatewayLogsRole.applyRemovalPolicy(RemovalPolicy.RETAIN);
    const account = new CfnAccount(this, 'ApiGatewayAccount', {
      cloudWatchRoleArn: this.apiGatewayLogsRole.roleArn,
    });
    account.applyRemovalPolicy(RemovalPolicy.RETAIN);

    const createProvider = new CfnParameter(this, 'CreateGitHubOidcProvider', {
      type: 'String',
      allowedValues: ['true', 'false'],
      default: 'true',
      description: `"false" when the account already has the ${GITHUB_OIDC_HOST} identity provider`,
    });
    const provider = new CfnOIDCProvider(this, 'GitHubOidcProvider', {
      url: `https://${GITHUB_OIDC_HOST}`,
      clientIdList: ['sts.amazonaws.com'],
    });
    provider.cfnOptions.condition = new CfnCondition(this, 'ShouldCreateGitHubOidcProvider', {
      expression: Fn.conditionEquals(createProvider.valueAsString, 'true'),
    });
    provider.applyRemovalPolicy(RemovalPolicy.RETAIN);
    acknowledgeAccessFindings(this);
  }
}

// ---------------------------------------------------------------------------------------------------

export interface StageAccessStackProps extends StackProps {
  readonly config: StageConfig;
}

export class StageAccessStack extends Stack {
  readonly boundary: ManagedPolicy;
  readonly executionPolicy: ManagedPolicy;
  readonly deployRole: Role;
  readonly githubRole: Role;
  readonly planRole?: Role;

  constructor(scope: Construct, id: string, props: StageAccessStackProps) {
    super(scope, id, { ...props, synthesizer: adminSynthesizer() });
    const { stage, qualifier } = props.config;
    const names = accessNames(stage, qualifier);

    const repository = new CfnParameter(this, 'GitHubRepository', {
      type: 'String',
      allowedPattern: '^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$',
      description:
        'owner/name of the GitHub repository whose deploy workflow may deploy this stage',
    });

    this.boundary = new ManagedPolicy(this, 'Boundary', {
      managedPolicyName: names.boundaryName,
      description: `The most any role of ${names.stackName} may ever do: ${stage}'s own resources only`,
      statements: boundaryStatements(stage, names),
    });
    this.executionPolicy = new ManagedPolicy(this, 'ExecutionPolicy', {
      managedPolicyName: names.executionPolicyName,
      description: `What CloudFormation may do for ${names.stackName} (cdk bootstrap --cloudformation-execution-policies)`,
      statements: executionStatements(stage, names, this.boundary.managedPolicyArn),
    });

    const repo = repository.valueAsString;
    const mainOnly = stage !== 'dev';
    const workflowRef = `${repo}/${DEPLOY_WORKFLOW}@${mainOnly ? 'refs/heads/main' : '*'}`;
    this.githubRole = new Role(this, 'GitHubRole', {
      roleName: names.githubRoleName,
      description: `GitHub environment "${stage}" of the deploy workflow${mainOnly ? ' on main' : ''}`,
      assumedBy: githubPrincipal(
        `repo:${repo}:environment:${stage}:job_workflow_ref:${workflowRef}`,
        mainOnly,
      ),
    });

    this.deployRole = new Role(this, 'DeployRole', {
      roleName: names.deployRoleName,
      description: `Runs CloudFormation for ${names.stackName} and nothing else`,
      assumedBy: new ArnPrincipal(this.githubRole.roleArn),
      inlinePolicies: { deploy: new PolicyDocument({ statements: deployStatements(names) }) },
    });
    this.githubRole.addToPolicy(
      new PolicyStatement({
        sid: 'DeployThisStageOnly',
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        resources: [this.deployRole.roleArn, names.fileAssetRoleArn, names.lookupRoleArn],
      }),
    );
    for (const statement of doctorStatements(names)) this.githubRole.addToPolicy(statement);

    if (stage === 'prod') {
      this.planRole = new Role(this, 'PlanRole', {
        roleName: names.planRoleName,
        description: `GitHub environment "${PLAN_ENVIRONMENT}" on main: cdk diff of ${names.stackName}, read only`,
        assumedBy: githubPrincipal(
          `repo:${repo}:environment:${PLAN_ENVIRONMENT}:job_workflow_ref:${repo}/${DEPLOY_WORKFLOW}@refs/heads/main`,
          true,
        ),
      });
      this.planRole.addToPolicy(
        new PolicyStatement({
          sid: 'ReadTheDeployedTemplate',
          actions: ['sts:AssumeRole', 'sts:TagSession'],
          resources: [names.lookupRoleArn],
        }),
      );
      this.planRole.addToPolicy(
        new PolicyStatement({
          sid: 'DiffThisStack',
          actions: [
            'cloudformation:DescribeStacks',
            'cloudformation:GetTemplate',
            'cloudformation:ListStackResources',
          ],
          resources: [arn('cloudformation', `stack/${names.stackName}/*`)],
        }),
      );
    }
    acknowledgeAccessFindings(this);
  }
}

function githubPrincipal(subject: string, exact: boolean): IPrincipal {
  return new FederatedPrincipal(
    `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:oidc-provider/${GITHUB_OIDC_HOST}`,
    exact
      ? {
          StringEquals: {
            [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com',
            [`${GITHUB_OIDC_HOST}:sub`]: subject,
          },
        }
      : {
          StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com' },
          StringLike: { [`${GITHUB_OIDC_HOST}:sub`]: subject },
        },
    'sts:AssumeRoleWithWebIdentity',
  );
}

type Names = ReturnType<typeof accessNames>;

/** Reading the stage's own bootstrap asset bucket (Lambda code, templates, the page). */
const readAssets = (names: Names, sid: string): PolicyStatement =>
  new PolicyStatement({
    sid,
    actions: ['s3:GetObject', 's3:GetBucketLocation', 's3:ListBucket'],
    resources: [names.assetsBucketArn, `${names.assetsBucketArn}/*`],
  });

/** The stage's table and buckets (names CloudFormation derives from the stack's) and its assets. */
function stageDataStatements(names: Names): PolicyStatement[] {
  return [
    new PolicyStatement({
      sid: 'StageTable',
      actions: ['dynamodb:*'],
      resources: [arn('dynamodb', `table/${names.resourcePrefix}*`)],
    }),
    new PolicyStatement({
      sid: 'StageBuckets',
      actions: ['s3:*'],
      resources: [
        `arn:${Aws.PARTITION}:s3:::${names.bucketPrefix}*`,
        `arn:${Aws.PARTITION}:s3:::${names.bucketPrefix}*/*`,
      ],
    }),
    readAssets(names, 'StageAssets'),
  ];
}

/**
 * The permissions boundary of every role the stage's stack creates (Lambda roles, CDK's providers).
 * The Lambdas' own policies are narrower still; this caps anything a changed template could add.
 */
function boundaryStatements(stage: string, names: Names): PolicyStatement[] {
  return [
    ...stageDataStatements(names),
    new PolicyStatement({
      sid: 'StageKey',
      actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      resources: [arn('kms', 'key/*')],
      conditions: stageTagged(stage),
    }),
    new PolicyStatement({
      sid: 'StageLogs',
      actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [
        arn('logs', `log-group:${names.resourcePrefix}*`),
        arn('logs', `log-group:/aws/lambda/${names.resourcePrefix}*`),
      ],
    }),
    new PolicyStatement({
      sid: 'StagePage',
      actions: ['amplify:StartDeployment', 'amplify:GetJob'],
      resources: [arn('amplify', 'apps/*')],
      conditions: stageTagged(stage),
    }),
    new PolicyStatement({
      sid: 'StageQueues',
      // read sends to the reaper's queue; the reaper's event source polls it with the reaper's role.
      actions: [
        'sqs:SendMessage',
        'sqs:ReceiveMessage',
        'sqs:DeleteMessage',
        'sqs:ChangeMessageVisibility',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
      ],
      resources: [arn('sqs', `${names.resourcePrefix}*`)],
    }),
    new PolicyStatement({
      sid: 'Tracing',
      actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
      resources: ['*'],
    }),
  ];
}

/**
 * What CloudFormation may do when it deploys the stage: every service the stack uses, limited to the
 * stage's names or `stage` tag. Roles it creates must carry the stage's boundary, so nothing it creates
 * can reach past the stage either.
 */
function executionStatements(stage: string, names: Names, boundaryArn: string): PolicyStatement[] {
  const p = names.resourcePrefix;
  const withBoundary = { StringEquals: { 'iam:PermissionsBoundary': boundaryArn } };
  return [
    new PolicyStatement({
      sid: 'StageRolesCarryTheBoundary',
      actions: [
        'iam:CreateRole',
        'iam:PutRolePolicy',
        'iam:DeleteRolePolicy',
        'iam:AttachRolePolicy',
        'iam:DetachRolePolicy',
        'iam:PutRolePermissionsBoundary',
      ],
      resources: [iamArn('role', `${p}*`)],
      conditions: withBoundary,
    }),
    new PolicyStatement({
      sid: 'StageRoles',
      actions: [
        'iam:GetRole',
        'iam:GetRolePolicy',
        'iam:ListRolePolicies',
        'iam:ListAttachedRolePolicies',
        'iam:DeleteRole',
        'iam:TagRole',
        'iam:UntagRole',
        'iam:UpdateRole',
        'iam:UpdateRoleDescription',
        'iam:UpdateAssumeRolePolicy',
        'iam:PassRole',
      ],
      resources: [iamArn('role', `${p}*`)],
    }),
    new PolicyStatement({
      sid: 'StageFunctions',
      actions: ['lambda:*'],
      resources: [arn('lambda', `function:${p}*`)],
    }),
    new PolicyStatement({
      sid: 'StageEventSources',
      // Creating a mapping names no resource yet: the function it feeds is the condition.
      actions: [
        'lambda:CreateEventSourceMapping',
        'lambda:GetEventSourceMapping',
        'lambda:UpdateEventSourceMapping',
        'lambda:DeleteEventSourceMapping',
      ],
      resources: ['*'],
      conditions: { ArnLike: { 'lambda:FunctionArn': arn('lambda', `function:${p}*`) } },
    }),
    new PolicyStatement({
      sid: 'StageEventSourceTags',
      actions: ['lambda:TagResource', 'lambda:UntagResource', 'lambda:ListTags'],
      resources: [arn('lambda', 'event-source-mapping:*')],
    }),
    new PolicyStatement({
      sid: 'StageQueues',
      actions: ['sqs:*'],
      resources: [arn('sqs', `${p}*`)],
    }),
    ...stageDataStatements(names),
    new PolicyStatement({
      sid: 'CreateStageKey',
      actions: ['kms:CreateKey', 'kms:TagResource'],
      resources: ['*'],
      conditions: stageRequested(stage),
    }),
    new PolicyStatement({
      sid: 'StageKey',
      actions: ['kms:*'],
      resources: [arn('kms', 'key/*')],
      conditions: stageTagged(stage),
    }),
    new PolicyStatement({
      sid: 'StageKeyAlias',
      actions: ['kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias'],
      resources: [arn('kms', names.keyAlias)],
    }),
    new PolicyStatement({
      sid: 'StageLogs',
      actions: ['logs:*'],
      resources: [
        arn('logs', `log-group:${p}*`),
        arn('logs', `log-group:/aws/lambda/${p}*`),
        arn('logs', `log-group:${names.wafLogGroupName}*`),
      ],
    }),
    new PolicyStatement({
      sid: 'LogDeliveryForWaf',
      actions: [
        'logs:CreateLogDelivery',
        'logs:DeleteLogDelivery',
        'logs:GetLogDelivery',
        'logs:ListLogDeliveries',
        'logs:UpdateLogDelivery',
        'logs:PutResourcePolicy',
        'logs:DescribeResourcePolicies',
        'logs:DescribeLogGroups',
      ],
      resources: ['*'],
    }),
    new PolicyStatement({
      sid: 'CreateStageApi',
      actions: ['apigateway:POST', 'apigateway:PUT'],
      resources: [
        `arn:${Aws.PARTITION}:apigateway:${Aws.REGION}::/restapis`,
        `arn:${Aws.PARTITION}:apigateway:${Aws.REGION}::/tags/*`,
      ],
      conditions: stageRequested(stage),
    }),
    new PolicyStatement({
      sid: 'StageApi',
      actions: ['apigateway:*'],
      resources: [`arn:${Aws.PARTITION}:apigateway:${Aws.REGION}::/restapis/*`],
      conditions: stageTagged(stage),
    }),
    new PolicyStatement({
      sid: 'StageFirewall',
      actions: ['wafv2:*'],
      resources: [
        arn('wafv2', `regional/webacl/${names.stackName}/*`),
        arn('wafv2', 'regional/managedruleset/*/*'),
        `arn:${Aws.PARTITION}:apigateway:${Aws.REGION}::/restapis/*/stages/*`,
      ],
    }),
    new PolicyStatement({
      sid: 'StageAlarms',
      actions: ['sns:*', 'cloudwatch:*'],
      resources: [
        arn('sns', `${p}*`),
        arn('cloudwatch', `alarm:${p}*`),
        `arn:${Aws.PARTITION}:cloudwatch::${Aws.ACCOUNT_ID}:dashboard/${names.dashboardName}`,
      ],
    }),
    new PolicyStatement({
      sid: 'CreateStagePage',
      actions: ['amplify:CreateApp', 'amplify:TagResource'],
      resources: [arn('amplify', 'apps/*')],
      conditions: stageRequested(stage),
    }),
    new PolicyStatement({
      sid: 'StagePage',
      actions: ['amplify:*'],
      resources: [arn('amplify', 'apps/*')],
      conditions: stageTagged(stage),
    }),
    new PolicyStatement({
      sid: 'BootstrapVersion',
      actions: ['ssm:GetParameter', 'ssm:GetParameters'],
      resources: [names.bootstrapVersionArn],
    }),
    new PolicyStatement({
      sid: 'NeverTheAccountSettings',
      effect: Effect.DENY,
      actions: ['apigateway:PATCH', 'apigateway:PUT', 'apigateway:POST', 'apigateway:DELETE'],
      resources: [`arn:${Aws.PARTITION}:apigateway:${Aws.REGION}::/account`],
    }),
  ];
}

/** The deploy role: CloudFormation on this stage's stack, passing this stage's execution role only. */
function deployStatements(names: Names): PolicyStatement[] {
  return [
    new PolicyStatement({
      sid: 'ThisStackOnly',
      actions: [
        'cloudformation:CreateChangeSet',
        'cloudformation:DeleteChangeSet',
        'cloudformation:DescribeChangeSet',
        'cloudformation:ExecuteChangeSet',
        'cloudformation:CreateStack',
        'cloudformation:UpdateStack',
        'cloudformation:RollbackStack',
        'cloudformation:ContinueUpdateRollback',
        'cloudformation:DescribeStacks',
        'cloudformation:DescribeStackEvents',
        'cloudformation:DescribeStackResources',
        'cloudformation:ListStackResources',
        'cloudformation:GetTemplate',
        'cloudformation:GetTemplateSummary',
        // The CLI sets termination protection to the template's, and clears a failed first create
        // (ROLLBACK_COMPLETE) before trying again. Data survives a delete: it is retained outside dev.
        'cloudformation:UpdateTerminationProtection',
        'cloudformation:DeleteStack',
      ],
      resources: [arn('cloudformation', `stack/${names.stackName}/*`)],
    }),
    new PolicyStatement({
      sid: 'ThisStagesExecutionRole',
      actions: ['iam:PassRole'],
      resources: [names.executionRoleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'cloudformation.amazonaws.com' } },
    }),
    readAssets(names, 'ThisStagesTemplates'),
    new PolicyStatement({
      sid: 'BootstrapVersion',
      actions: ['ssm:GetParameter', 'ssm:GetParameters'],
      resources: [names.bootstrapVersionArn],
    }),
  ];
}

/** What `secretsentry doctor` reads after a deploy: the stage's own resources, read only. */
function doctorStatements(names: Names): PolicyStatement[] {
  return [
    new PolicyStatement({
      sid: 'DoctorStack',
      actions: ['cloudformation:DescribeStacks'],
      resources: [arn('cloudformation', `stack/${names.stackName}/*`)],
    }),
    new PolicyStatement({
      sid: 'DoctorResources',
      actions: [
        'kms:DescribeKey',
        'kms:GetKeyRotationStatus',
        'dynamodb:DescribeTimeToLive',
        'dynamodb:DescribeContinuousBackups',
      ],
      resources: [arn('kms', 'key/*'), arn('dynamodb', `table/${names.resourcePrefix}*`)],
    }),
    new PolicyStatement({
      sid: 'DoctorVault',
      actions: ['s3:GetBucketVersioning', 's3:GetEncryptionConfiguration', 's3:ListBucketVersions'],
      resources: [`arn:${Aws.PARTITION}:s3:::${names.bucketPrefix}*`],
    }),
    new PolicyStatement({
      sid: 'DoctorEdge',
      actions: ['wafv2:GetWebACLForResource', 'apigateway:GET'],
      resources: [
        arn('wafv2', `regional/webacl/${names.stackName}/*`),
        `arn:${Aws.PARTITION}:apigateway:${Aws.REGION}::/restapis/*`,
      ],
    }),
  ];
}
