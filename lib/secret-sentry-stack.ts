// One stage of SecretSentry: `SecretSentry-<stage>`, a full, isolated copy of the service.
import { CfnOutput, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ROUTES, handlerEntry, type Route } from '../lambdas/shared/routes.ts';
import type { StageConfig } from './config.ts';
import { ApiFunction } from './constructs/api-function.ts';
import { DataStores } from './constructs/data-stores.ts';
import { Firewall } from './constructs/firewall.ts';
import { Observability } from './constructs/observability.ts';
import { SecretsApi } from './constructs/secrets-api.ts';
import { WebHosting } from './constructs/web-hosting.ts';
import { acknowledgeFindings } from './nag.ts';
import { routeKeyPolicyStatements, routeStatements } from './permissions.ts';
import { OUTPUT_KEYS, stackName } from './stack-contract.ts';

/** The API Gateway stage name: the API is "v1" in every deployment stage. */
export const API_STAGE_NAME = 'v1';

export { OUTPUT_KEYS, stackName };

export interface SecretSentryStackProps extends StackProps {
  readonly config: StageConfig;
  /** Directory of the built page. */
  readonly webDist: string;
}

export class SecretSentryStack extends Stack {
  readonly data: DataStores;
  readonly api: SecretsApi;
  readonly web: WebHosting;
  readonly functions: Record<Route['name'], ApiFunction>;
  readonly firewall: Firewall;
  readonly observability: Observability;

  constructor(scope: Construct, id: string, props: SecretSentryStackProps) {
    super(scope, id, props);
    const { config } = props;
    const name = stackName(config.stage);
    const logRemovalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.data = new DataStores(this, 'Data', {
      stage: config.stage,
      retainData: config.retainData,
      accessLogDays: config.logRetention,
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
      apiUrl: restApi.url,
      production: config.stage === 'prod',
      accessLogsBucket: this.data.logBucket,
      logRetention: config.logRetention,
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
          ...(usesStores ? { TABLE_NAME: table.tableName, BUCKET_NAME: vault.bucketName } : {}),
        },
      });
      for (const statement of routeStatements(route, { table, vault, key }))
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
    });

    this.observability = new Observability(this, 'Observability', {
      name,
      apiStage: restApi.deploymentStage,
      functions: lambdas,
      table,
      // Ref of a web ACL is `name|id|scope`.
      webAclName: Fn.select(0, Fn.split('|', this.firewall.webAcl.ref)),
      key,
      alarmEmail: config.alarmEmail,
    });
    // CloudWatch publishes alarms to the encrypted topic; it needs the data key for that, nothing more.
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsToEncryptedTopic',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );

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
