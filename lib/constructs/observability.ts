// Alarms and a dashboard for one stage: API 5xx, Lambda errors and throttles, WAF block spikes, DynamoDB
// throttles, failed vault deletes and the reaper's dead letters, plus the business metrics the handlers
// emit.
import {
  Annotations,
  Aws,
  CfnCondition,
  CfnParameter,
  CfnRule,
  Duration,
  Fn,
  Stack,
} from 'aws-cdk-lib';
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
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnSubscription, Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { BUSINESS_METRICS, METRICS_NAMESPACE, type MetricName } from '../../core/metrics.ts';

export { BUSINESS_METRICS, METRICS_NAMESPACE };

export interface ObservabilityProps {
  readonly name: string;
  /** The `stage` dimension the handlers put on business metrics. */
  readonly stage: string;
  /** Refuse to deploy without an alarm e-mail (prod). */
  readonly requireAlarmEmail: boolean;
  readonly apiStage: Stage;
  readonly functions: Readonly<Record<string, IFunction>>;
  readonly table: Table;
  /** Where the reaper's failed deletions end up: any message there is a body left to the lifecycle rule. */
  readonly reaperDeadLetters: IQueue;
  /** Where webhook notices end up after their tries: a sender's receiver that kept failing. */
  readonly webhookDeadLetters: IQueue;
  readonly webAclName: string;
  /** Encrypts the alarm topic. */
  readonly key: IKey;
  /** Default of the `AlarmEmail` stack parameter: the address alarms are e-mailed to; empty for none. */
  readonly alarmEmail: string;
}

const FIVE_MINUTES = Duration.minutes(5);

/** The name of the stack parameter that says where alarms are e-mailed. */
export const ALARM_EMAIL_PARAMETER = 'AlarmEmail';

export const businessMetric = (stage: string, name: MetricName): Metric =>
  new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { service: 'secretsentry', stage },
    statistic: 'Sum',
    period: FIVE_MINUTES,
  });

export class Observability extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const business = (name: MetricName) => businessMetric(props.stage, name);
    // Named, so the key policy can name it without a reference cycle (the topic refers to the key).
    const topicName = `${props.name}-alarms`;
    const topicArn = stack.formatArn({ service: 'sns', resource: topicName });
    this.topic = new Topic(this, 'Alarms', {
      topicName,
      displayName: `${props.name} alarms`,
      masterKey: props.key,
      enforceSSL: true,
    });
    // The topic policy replaces SNS's default one, so CloudWatch must be named: alarms of this account
    // only. The key lets CloudWatch encrypt for this topic only (SNS puts its ARN in the context).
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisAccount',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: {
            'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*`,
          },
        },
      }),
    );
    props.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsToTheAlarmTopic',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringEquals: {
            'aws:SourceAccount': Aws.ACCOUNT_ID,
            'kms:EncryptionContext:aws:sns:topicArn': topicArn,
          },
          ArnLike: {
            'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*`,
          },
        },
      }),
    );

    // Where alarms go is a deploy-time parameter, defaulting to cdk.json. A stage that requires one
    // (prod) fails before any change is made when it is empty; synth only warns.
    const email = new CfnParameter(stack, ALARM_EMAIL_PARAMETER, {
      type: 'String',
      default: props.alarmEmail,
      allowedPattern: '^$|^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$',
      description: 'E-mail address the alarm topic notifies (confirm the subscription once)',
    });
    const hasEmail = new CfnCondition(stack, 'HasAlarmEmail', {
      expression: Fn.conditionNot(Fn.conditionEquals(email.valueAsString, '')),
    });
    const subscription = new CfnSubscription(this, 'AlarmEmailSubscription', {
      topicArn: this.topic.topicArn,
      protocol: 'email',
      endpoint: email.valueAsString,
    });
    subscription.cfnOptions.condition = hasEmail;
    if (props.requireAlarmEmail) {
      new CfnRule(stack, 'AlarmsReachSomeone', {
        assertions: [
          {
            assert: Fn.conditionNot(Fn.conditionEquals(email.valueAsString, '')),
            assertDescription:
              `${props.name} needs somewhere to send alarms: deploy with ` +
              `--parameters ${ALARM_EMAIL_PARAMETER}=<address> or set alarmEmail in cdk.json.`,
          },
        ],
      });
      if (!props.alarmEmail) {
        Annotations.of(this).addWarningV2(
          'secretsentry:alarm-email',
          `${props.name} has no alarmEmail in cdk.json: the deploy will refuse to go ahead unless ` +
            `--parameters ${ALARM_EMAIL_PARAMETER}=<address> is given.`,
        );
      }
    }

    const action = new SnsAction(this.topic);
    const alarm = (alarmId: string, metric: IMetric, threshold: number, description: string) => {
      const created = new Alarm(this, alarmId, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(action);
      // The all-clear goes to the same people, so nobody has to check whether it is over.
      created.addOkAction(action);
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
    // Throttle metrics exist only for minutes with throttles; FILL makes the sum 0, not missing.
    const dynamoThrottles = new MathExpression({
      expression: 'FILL(get, 0) + FILL(put, 0) + FILL(upd, 0)',
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
      business('VaultDeleteFailed'),
      1,
      'A ciphertext could not be deleted after burn or revoke; the lifecycle rule will remove it',
    );
    alarm(
      'VaultAccessDenied',
      business('VaultAccessDenied'),
      1,
      'S3 refused a live secret (a missing s3:GetObject or kms:Decrypt): its reads answer 503',
    );
    alarm(
      'VaultObjectDamaged',
      business('VaultObjectDamaged'),
      1,
      'A stored ciphertext was empty or not a JWE; reads of it answer 503 and consume nothing',
    );
    alarm(
      'ReaperDeadLetters',
      props.reaperDeadLetters.metricApproximateNumberOfMessagesVisible({
        period: FIVE_MINUTES,
        statistic: 'Maximum',
      }),
      1,
      "A read file's body could not be deleted after its download window; the lifecycle rule will remove it",
    );
    alarm(
      'WebhookDeadLetters',
      props.webhookDeadLetters.metricApproximateNumberOfMessagesVisible({
        period: FIVE_MINUTES,
        statistic: 'Maximum',
      }),
      1,
      "A sender's webhook kept failing after its tries; the events in its dead-letter queue were not delivered",
    );
    alarm(
      'WebhookNotQueued',
      business('WebhookNotQueued'),
      1,
      'A webhook notice could not be queued (SQS refused or timed out); that event is not sent',
    );

    const fnMetrics = (pick: (fn: IFunction) => IMetric) =>
      Object.values(props.functions).map(pick);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.name,
      defaultInterval: Duration.hours(24),
      widgets: [
        [new TextWidget({ markdown: `# ${props.name}`, width: 24, height: 1 })],
        [
          new GraphWidget({
            title: 'Secrets',
            left: (['SecretCreated', 'SecretRead', 'SecretBurned', 'SecretRevoked'] as const).map(
              business,
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
                'VaultAccessDenied',
              ] as const
            ).map(business),
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
