// Alarms and a dashboard for one stage: API 5xx, Lambda errors and throttles, WAF block spikes, DynamoDB
// throttles and failed vault deletes, plus the business metrics the handlers emit.
import { Duration } from 'aws-cdk-lib';
import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { MetricName } from '../../lambdas/shared/powertools.ts';

export const METRICS_NAMESPACE = 'SecretSentry';
export const BUSINESS_METRICS: readonly MetricName[] = [
  'SecretCreated',
  'SecretRead',
  'SecretBurned',
  'SecretRevoked',
  'AccessDenied',
  'PassphraseRejected',
  'SecretDestroyed',
  'VaultDeleteFailed',
  'VaultObjectDamaged',
];

export interface ObservabilityProps {
  readonly name: string;
  readonly apiStage: Stage;
  readonly functions: Readonly<Record<string, IFunction>>;
  readonly table: Table;
  readonly webAclName: string;
  /** Encrypts the alarm topic. */
  readonly key: IKey;
  /** E-mail subscribed to alarms; empty for none. */
  readonly alarmEmail: string;
}

const FIVE_MINUTES = Duration.minutes(5);

export const businessMetric = (name: MetricName): Metric =>
  new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { service: 'secretsentry' },
    statistic: 'Sum',
    period: FIVE_MINUTES,
  });

export class Observability extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Alarms', {
      displayName: `${props.name} alarms`,
      masterKey: props.key,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    const alarm = (alarmId: string, metric: IMetric, threshold: number, description: string) => {
      const created = new Alarm(this, alarmId, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(new SnsAction(this.topic));
      this.alarms.push(created);
      return created;
    };

    alarm(
      'Api5xx',
      props.apiStage.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
      5,
      'API answered 5xx at least 5 times in 5 minutes',
    );
    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(
        `${name}Errors`,
        fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
        1,
        `${name} Lambda errors`,
      );
      alarm(
        `${name}Throttles`,
        fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
        1,
        `${name} Lambda throttled`,
      );
    }
    const blockedProps = {
      namespace: 'AWS/WAFV2',
      metricName: 'BlockedRequests',
      dimensionsMap: { WebACL: props.webAclName, Rule: 'ALL', Region: props.apiStage.stack.region },
      statistic: 'Sum',
      period: FIVE_MINUTES,
    };
    const blocked = new Metric(blockedProps);
    alarm(
      'WafBlockedSpike',
      blocked,
      500,
      'WAF blocked at least 500 requests in 5 minutes (attack or a rule misfiring)',
    );
    const dynamoThrottles = new MathExpression({
      expression: 'get + put + upd',
      usingMetrics: {
        get: props.table.metricThrottledRequestsForOperation('GetItem', {
          period: FIVE_MINUTES,
          statistic: 'Sum',
        }),
        put: props.table.metricThrottledRequestsForOperation('PutItem', {
          period: FIVE_MINUTES,
          statistic: 'Sum',
        }),
        upd: props.table.metricThrottledRequestsForOperation('UpdateItem', {
          period: FIVE_MINUTES,
          statistic: 'Sum',
        }),
      },
      label: 'DynamoDB throttled requests',
      period: FIVE_MINUTES,
    });
    alarm('DynamoDbThrottles', dynamoThrottles, 1, 'DynamoDB throttled token-table requests');
    alarm(
      'VaultDeleteFailed',
      businessMetric('VaultDeleteFailed'),
      1,
      'A ciphertext could not be deleted after burn or revoke; the lifecycle rule will remove it',
    );
    alarm(
      'VaultObjectDamaged',
      businessMetric('VaultObjectDamaged'),
      1,
      'A stored ciphertext was empty or not a JWE; reads of it answer 503 and consume nothing',
    );

    const fnMetrics = (pick: (fn: IFunction) => IMetric) =>
      Object.values(props.functions).map(pick);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(24),
      widgets: [
        [new TextWidget({ markdown: `# ${props.name}`, width: 24, height: 1 })],
        [
          new GraphWidget({
            title: 'Secrets',
            left: (['SecretCreated', 'SecretRead', 'SecretBurned', 'SecretRevoked'] as const).map(
              businessMetric,
            ),
            width: 12,
          }),
          new GraphWidget({
            title: 'Denied and destroyed',
            left: (
              [
                'AccessDenied',
                'PassphraseRejected',
                'SecretDestroyed',
                'VaultDeleteFailed',
                'VaultObjectDamaged',
              ] as const
            ).map(businessMetric),
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: 'API requests and errors',
            left: [
              props.apiStage.metricCount({ period: FIVE_MINUTES }),
              props.apiStage.metricClientError({ period: FIVE_MINUTES }),
              props.apiStage.metricServerError({ period: FIVE_MINUTES }),
            ],
            right: [props.apiStage.metricLatency({ period: FIVE_MINUTES, statistic: 'p99' })],
            width: 12,
          }),
          new GraphWidget({
            title: 'WAF',
            left: [blocked, new Metric({ ...blockedProps, metricName: 'AllowedRequests' })],
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: 'Lambda errors and throttles',
            left: fnMetrics((fn) => fn.metricErrors({ period: FIVE_MINUTES })),
            right: fnMetrics((fn) => fn.metricThrottles({ period: FIVE_MINUTES })),
            width: 12,
          }),
          new GraphWidget({
            title: 'Lambda duration p99 and DynamoDB throttles',
            left: fnMetrics((fn) => fn.metricDuration({ period: FIVE_MINUTES, statistic: 'p99' })),
            right: [dynamoThrottles],
            width: 12,
          }),
        ],
      ],
    });
  }
}
