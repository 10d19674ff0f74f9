// One stage of SecretSentry: `SecretSentry-<stage>`, a full, isolated copy of the service.
import {
  CfnOutput,
  DefaultStackSynthesizer,
  Fn,
  RemovalPolicy,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import { ArnPrincipal, ManagedPolicy, PermissionsBoundary } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ROUTES, handlerEntry, type Route } from '../core/routes.ts';
import type { StageConfig } from './config.ts';
import { ApiFunction } from './constructs/api-function.ts';
import { BodyReaper } from './constructs/body-reaper.ts';
import { DataStores } from './constructs/data-stores.ts';
import { Firewall } from './constructs/firewall.ts';
import { Observability } from './constructs/observability.ts';
import { SecretsApi } from './constructs/secrets-api.ts';
import { VaultCors } from './constructs/vault-cors.ts';
import { WebHosting } from './constructs/web-hosting.ts';
import { accessNames } from './deploy-access.ts';
import { acknowledgeFindings } from './nag.ts';
import {
  deletionQueueStatements,
  routeKeyPolicyStatements,
  routeStatements,
  webhookQueueStatements,
  expiryAlarmStatements,
} from './permissions.ts';
import { WebhookSender } from './constructs/webhook-sender.ts';
import { OUTPUT_KEYS, stackName } from '../core/stack-contract.ts';

/**
 * The routes that schedule a file body's deletion on the reaper's queue (docs/design.md §3): read's
 * last read, and a recipient's destroy after a read; they alone get the queue's URL and
 * sqs:SendMessage.
 */
const schedulesDeletions = (route: Route): boolean =>
  route.name === 'read' || route.name === 'destroy';

/**
 * The routes that tell a sender's webhook what happened (read, burn, lock, destroy, revoke): they
 * alone get the webhook queue's URL and sqs:SendMessage on it.
 */
export const notifiesWebhooks = (route: Route): boolean =>
  route.name === 'read' || route.name === 'destroy' || route.name === 'revoke';

/** The API Gateway stage name: the API is "v1" in every deployment stage. */
export const API_STAGE_NAME = 'v1';

export { OUTPUT_KEYS, stackName };

/**
 * Deploys through the stage's own bootstrap (qualifier) and the stage's own deploy role, which may touch
 * this stack only (lib/deploy-access.ts). CDK fills the `${AWS::…}` placeholders.
 */
export function stageSynthesizer(config: StageConfig): DefaultStackSynthesizer {
  return new DefaultStackSynthesizer({
    qualifier: config.qualifier,
    deployRoleArn: `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${
      accessNames(config.stage, config.qualifier).deployRoleName
    }`,
  });
}

export interface SecretSentryStackProps extends StackProps {
  readonly config: StageConfig;
  /** Directory of the built page. */
  readonly webDist: string;
}

export class SecretSentryStack extends Stack {
  readonly config: StageConfig;
  readonly data: DataStores;
  readonly api: SecretsApi;
  readonly web: WebHosting;
  readonly functions: Record<Route['name'], ApiFunction>;
  readonly reaper: BodyReaper;
  readonly webhooks: WebhookSender;
  readonly firewall: Firewall;
  readonly observability: Observability;

  constructor(scope: Construct, id: string, props: SecretSentryStackProps) {
    super(scope, id, {
      synthesizer: stageSynthesizer(props.config),
      // Deleting staging or prod takes a deliberate step first (their data is retained anyway).
      terminationProtection: props.config.stage !== 'dev',
      ...props,
    });
    const { config } = props;
    this.config = config;
    const name = stackName(config.stage);
    const access = accessNames(config.stage, config.qualifier);
    const logRemovalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    // Every role this stack creates, CDK's own providers included, is capped to this stage's resources.
    PermissionsBoundary.of(this).apply(
      ManagedPolicy.fromManagedPolicyName(this, 'StageBoundary', access.boundaryName),
    );

    this.data = new DataStores(this, 'Data', {
      stage: config.stage,
      keyAlias: access.keyAlias,
      retainData: config.retainData,
      accessLogDays: config.logRetention,
      keyAdmins: [access.executionRoleArn, ...config.keyAdminArns].map((a) => new ArnPrincipal(a)),
    });
    const { key, table, vault } = this.data;

    // Order matters and has no cycle: the RestApi resource depends on nothing; the page needs its id
    // (CSP connect-src) and stage URL (config.json); the Lambdas need the page origin (CORS); the
    // methods need the Lambdas.
    this.api = new SecretsApi(this, 'Api', {
      apiName: name,
      stageName: API_STAGE_NAME,
      throttle: config.apiThrottle,
      logRetention: config.logRetention,
      logRemovalPolicy,
    });
    const restApi = this.api.api;

    this.web = new WebHosting(this, 'Web', {
      appName: name,
      webDist: props.webDist,
      apiOrigin: `https://${restApi.restApiId}.execute-api.${this.region}.${this.urlSuffix}`,
      // The endpoint the SDK signs presigned URLs for in this region (virtual-hosted, regional).
      vaultOrigin: `https://${vault.bucketName}.s3.${this.region}.${this.urlSuffix}`,
      apiUrl: restApi.url,
      production: config.stage === 'prod',
      accessLogsBucket: this.data.logBucket,
      logRetention: config.logRetention,
    });

    // The page's origin is known only once the app exists, and the app's CSP names the vault.
    new VaultCors(this, 'VaultCors', { vault, pageOrigin: this.web.pageOrigin });

    this.reaper = new BodyReaper(this, 'Reaper', {
      stage: config.stage,
      vault,
      logRetention: config.logRetention,
      logRemovalPolicy,
      logLevel: config.logLevel,
    });

    this.webhooks = new WebhookSender(this, 'Webhooks', {
      stage: config.stage,
      table,
      vault,
      key,
      logRetention: config.logRetention,
      logRemovalPolicy,
      logLevel: config.logLevel,
    });

    const functions = {} as Record<Route['name'], ApiFunction>;
    for (const route of ROUTES) {
      const usesStores = route.access.table.length > 0 || route.access.vault.length > 0;
      const fn = new ApiFunction(this, `${route.name}Handler`, {
        entry: handlerEntry(route),
        description: `SecretSentry ${config.stage}: ${route.method} ${route.path}`,
        logRetention: config.logRetention,
        logRemovalPolicy,
        logLevel: config.logLevel,
        environment: {
          CORS_ORIGIN: this.web.pageOrigin,
          SECRETSENTRY_STAGE: config.stage,
          ...(usesStores ? { TABLE_NAME: table.tableName, BUCKET_NAME: vault.bucketName } : {}),
          ...(route.name === 'create'
            ? { MAX_FILE_BODY_BYTES: String(config.maxFileBodyBytes) }
            : {}),
          ...(schedulesDeletions(route) ? { REAPER_QUEUE_URL: this.reaper.queue.queueUrl } : {}),
          ...(notifiesWebhooks(route) ? { WEBHOOK_QUEUE_URL: this.webhooks.queue.queueUrl } : {}),
          ...(route.name === 'create'
            ? {
                EXPIRY_SCHEDULE_GROUP: this.webhooks.expiryGroup.ref,
                EXPIRY_TARGET_QUEUE_ARN: this.webhooks.queue.queueArn,
                EXPIRY_SCHEDULER_ROLE_ARN: this.webhooks.expiryRole.roleArn,
              }
            : {}),
        },
      });
      for (const statement of routeStatements(route, { table, vault, key }))
        fn.role.addToPolicy(statement);
      if (schedulesDeletions(route))
        for (const statement of deletionQueueStatements(this.reaper.queue))
          fn.role.addToPolicy(statement);
      if (notifiesWebhooks(route))
        for (const statement of webhookQueueStatements(this.webhooks.queue))
          fn.role.addToPolicy(statement);
      if (route.name === 'create')
        for (const statement of expiryAlarmStatements(this.webhooks))
          fn.role.addToPolicy(statement);
      for (const statement of routeKeyPolicyStatements(route, key, fn.role))
        key.addToResourcePolicy(statement);
      functions[route.name] = fn;
    }
    this.functions = functions;
    const lambdas = {} as Record<Route['name'], IFunction>;
    for (const route of ROUTES) lambdas[route.name] = functions[route.name].function;
    this.api.addRoutes(lambdas, this.web.pageOrigin);

    this.firewall = new Firewall(this, 'Firewall', {
      name,
      stageArn: restApi.deploymentStage.stageArn,
      rateLimits: config.wafRateLimits,
      logGroupName: access.wafLogGroupName,
      logRetention: config.logRetention,
      logRemovalPolicy,
    });

    this.observability = new Observability(this, 'Observability', {
      name,
      stage: config.stage,
      requireAlarmEmail: config.stage === 'prod',
      apiStage: restApi.deploymentStage,
      functions: {
        ...lambdas,
        reaper: this.reaper.handler.function,
        webhookSender: this.webhooks.handler.function,
      },
      reaperDeadLetters: this.reaper.deadLetters,
      webhookDeadLetters: this.webhooks.deadLetters,
      table,
      // Ref of a web ACL is `name|id|scope`.
      webAclName: Fn.select(0, Fn.split('|', this.firewall.webAcl.ref)),
      key,
      alarmEmail: config.alarmEmail,
    });

    const outputs: Record<(typeof OUTPUT_KEYS)[number], { value: string; description: string }> = {
      ApiUrl: { value: restApi.url, description: 'API base URL (stage URL, ends with /)' },
      PageUrl: { value: `${this.web.pageOrigin}/`, description: 'The page on Amplify' },
      TableName: { value: table.tableName, description: 'DynamoDB token table' },
      BucketName: { value: vault.bucketName, description: 'S3 vault bucket' },
      KeyArn: { value: key.keyArn, description: 'KMS key encrypting the vault and the table' },
      WebAclArn: {
        value: this.firewall.webAcl.attrArn,
        description: 'WAFv2 web ACL on the API stage',
      },
      ApiStageArn: {
        value: restApi.deploymentStage.stageArn,
        description: 'API Gateway stage the web ACL protects',
      },
      AmplifyAppId: { value: this.web.app.attrAppId, description: 'Amplify app hosting the page' },
    };
    for (const [key_, output] of Object.entries(outputs)) new CfnOutput(this, key_, output);

    acknowledgeFindings(this);
  }
}
