// The REST API (WAF attaches to REST APIs, not HTTP APIs): resources and methods from the shared route
// table, 405s and JSON errors answered by the gateway itself, CORS for the page only, no caching.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  CfnRestApi,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  MockIntegration,
  PassthroughBehavior,
  ResponseType,
  RestApi,
  type IResource,
} from 'aws-cdk-lib/aws-apigateway';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ERRORS, type ErrorCode } from '../../core/contract.ts';
import { ROUTES, type Route } from '../../core/routes.ts';

export interface SecretsApiProps {
  /** The API Gateway stage name, which is also the first path segment of the base URL. */
  readonly stageName: string;
  /** Names the API, so each stage's metrics (dimension ApiName) stay apart. */
  readonly apiName: string;
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly logRetention: RetentionDays;
  /** @default RemovalPolicy.DESTROY */
  readonly logRemovalPolicy?: RemovalPolicy;
}

/**
 * The access-log line: who, what, outcome and timings. Deliberately no request body, no headers (so no
 * Authorization), no query string; the path carries only the secret id, which is not a credential.
 */
export const ACCESS_LOG_FIELDS: Record<string, string> = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  method: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integration.status',
  wafStatus: '$context.waf.status',
  errorType: '$context.error.responseType',
  xrayTraceId: '$context.xrayTraceId',
};

/** TLS 1.2 or later on the API's own endpoint. */
export const API_SECURITY_POLICY = 'TLS_1_2';

/** Content types the 405 mock answers for; other bodies on a wrong method get the gateway's 415. */
const MOCK_CONTENT_TYPES = [
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'application/octet-stream',
];

const quote = (value: string): string => `'${value}'`;

/** Gateway errors in docs/design.md §5's shape. `message` is already a JSON string literal. */
const errorBody = (error: string, message: string): string => JSON.stringify({ error, message });

interface GatewayError {
  readonly type: ResponseType;
  readonly statusCode?: string;
  readonly error: ErrorCode;
  readonly message?: string;
}

/**
 * API Gateway's own answers, mapped onto the API's error codes. Unknown paths answer 404 (API Gateway
 * would say 403 "Missing Authentication Token"); WAF blocks that are not rate limits stay 403.
 */
export const GATEWAY_ERRORS: readonly GatewayError[] = [
  {
    type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
    statusCode: '404',
    error: 'not_found',
    message: 'No such route.',
  },
  {
    type: ResponseType.RESOURCE_NOT_FOUND,
    statusCode: '404',
    error: 'not_found',
    message: 'No such route.',
  },
  { type: ResponseType.BAD_REQUEST_BODY, statusCode: '400', error: 'invalid_request' },
  { type: ResponseType.BAD_REQUEST_PARAMETERS, statusCode: '400', error: 'invalid_request' },
  { type: ResponseType.REQUEST_TOO_LARGE, statusCode: '413', error: 'too_large' },
  {
    type: ResponseType.UNSUPPORTED_MEDIA_TYPE,
    statusCode: '415',
    error: 'unsupported_media_type',
    message: ERRORS.unsupported_media_type.message,
  },
  {
    type: ResponseType.THROTTLED,
    statusCode: '429',
    error: 'throttled',
    message: ERRORS.throttled.message,
  },
  {
    type: ResponseType.QUOTA_EXCEEDED,
    statusCode: '429',
    error: 'throttled',
    message: ERRORS.throttled.message,
  },
  {
    type: ResponseType.WAF_FILTERED,
    statusCode: '403',
    error: 'forbidden',
    message: ERRORS.forbidden.message,
  },
  { type: ResponseType.DEFAULT_4XX, error: 'invalid_request' },
  {
    type: ResponseType.DEFAULT_5XX,
    statusCode: '503',
    // A gateway 5xx (a Lambda timeout, say) may come after a read was counted: it cannot promise
    // `unavailable`'s "nothing was consumed".
    error: 'outcome_unknown',
    message: ERRORS.outcome_unknown.message,
  },
];

export class SecretsApi extends Construct {
  readonly api: RestApi;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: SecretsApiProps) {
    super(scope, id);
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
    });

    this.api = new RestApi(this, 'Api', {
      restApiName: props.apiName,
      description: 'SecretSentry API v1',
      endpointConfiguration: { types: [EndpointType.REGIONAL] },
      cloudWatchRole: false,
      deployOptions: {
        stageName: props.stageName,
        throttlingRateLimit: props.throttle.rateLimit,
        throttlingBurstLimit: props.throttle.burstLimit,
        // A response cache would replay ciphertexts and let one read answer many requests.
        cacheClusterEnabled: false,
        cachingEnabled: false,
        tracingEnabled: true,
        metricsEnabled: true,
        // Execution logs at ERROR only, never data trace: INFO would log request bodies (ciphertexts)
        // and data trace the headers (tokens). They need the account's API Gateway CloudWatch role,
        // which SecretSentry-account creates (docs/deploy.md, first deploy).
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        accessLogDestination: new LogGroupLogDestination(this.accessLogs),
        accessLogFormat: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
    // The default endpoint still accepts TLS 1.0; require 1.2 or later.
    (this.api.node.defaultChild as CfnRestApi).securityPolicy = API_SECURITY_POLICY;
    // The stack publishes the URL as `ApiUrl` (the CLI's output contract); drop RestApi's own `Endpoint` output.
    this.api.node.tryRemoveChild('Endpoint');
  }

  /**
   * Adds every route of the table, the gateway's own error answers and CORS. Separate from the
   * constructor because the Lambdas and the page origin are built after the API exists: the page needs
   * the API's id, and the Lambdas need the page's origin.
   */
  addRoutes(functions: Readonly<Record<Route['name'], IFunction>>, pageOrigin: string): void {
    const corsHeaders = {
      'Access-Control-Allow-Origin': quote(pageOrigin),
      Vary: quote('Origin'),
    };
    for (const spec of GATEWAY_ERRORS) {
      const message = spec.message ? JSON.stringify(spec.message) : '$context.error.messageString';
      this.api.addGatewayResponse(`Gateway${spec.type.responseType}`, {
        type: spec.type,
        ...(spec.statusCode ? { statusCode: spec.statusCode } : {}),
        responseHeaders: {
          'Cache-Control': quote('no-store'),
          'X-Content-Type-Options': quote('nosniff'),
          ...corsHeaders,
        },
        // Built by hand: `message` is either a JSON literal or a template variable that yields one.
        templates: { 'application/json': `{"error":"${spec.error}","message":${message}}` },
      });
    }

    const byPath = new Map<string, Route[]>();
    for (const route of ROUTES) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);
    for (const [routePath, routes] of byPath) {
      const resource = this.api.root.resourceForPath(routePath);
      for (const route of routes) {
        resource.addMethod(
          route.method,
          new LambdaIntegration(functions[route.name], { proxy: true }),
          {
            operationName: route.name,
          },
        );
      }
      const allow = routes.map((r) => r.method);
      resource.addCorsPreflight({
        allowOrigins: [pageOrigin],
        allowMethods: allow,
        allowHeaders: ['Content-Type', 'Authorization'],
        maxAge: Duration.hours(1),
      });
      this.addMethodNotAllowed(resource, allow, corsHeaders);
    }
  }

  /** Any other method on a known path: 405 with `Allow`, answered by a mock integration, no Lambda. */
  private addMethodNotAllowed(
    resource: IResource,
    allow: readonly string[],
    cors: Record<string, string>,
  ) {
    const headers: Record<string, string> = {
      Allow: quote(allow.join(', ')),
      'Cache-Control': quote('no-store'),
      'X-Content-Type-Options': quote('nosniff'),
      ...cors,
    };
    const requestTemplate = JSON.stringify({ statusCode: 405 });
    resource.addMethod(
      'ANY',
      new MockIntegration({
        passthroughBehavior: PassthroughBehavior.NEVER,
        requestTemplates: Object.fromEntries(
          MOCK_CONTENT_TYPES.map((type) => [type, requestTemplate]),
        ),
        integrationResponses: [
          {
            statusCode: '405',
            responseParameters: Object.fromEntries(
              Object.entries(headers).map(([name, value]) => [
                `method.response.header.${name}`,
                value,
              ]),
            ),
            responseTemplates: {
              'application/json': errorBody(
                'method_not_allowed',
                `Method not allowed here; use ${allow.join(', ')}.`,
              ),
            },
          },
        ],
      }),
      {
        operationName: 'methodNotAllowed',
        methodResponses: [
          {
            statusCode: '405',
            responseParameters: Object.fromEntries(
              Object.keys(headers).map((name) => [`method.response.header.${name}`, true]),
            ),
          },
        ],
      },
    );
  }
}
