// The WAFv2 web ACL in front of the API stage: a body-size check, AWS managed rule groups, per-IP rate
// limits on the routes that create or consume secrets (derived from the route table) and one on every
// request. Every rule reports metrics; no rule keeps sampled requests (they hold every header, tokens
// included); blocked and counted requests are logged with `Authorization` redacted.
import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnLoggingConfiguration, CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { LIMITS } from '../../core/contract.ts';
import { ROUTES, type Route } from '../../core/routes.ts';

export interface FirewallProps {
  /** The web ACL's name and prefix of its metric names, e.g. `SecretSentry-dev`. */
  readonly name: string;
  /** ARN of the API Gateway stage to protect. */
  readonly stageArn: string;
  /**
   * Requests per IP per five minutes: `read` on each route that takes a verifier (read, destroy),
   * `create` on the other limited routes, `any` on every request together.
   */
  readonly rateLimits: { readonly create: number; readonly read: number; readonly any: number };
  /** The WAF log group; WAF requires the `aws-waf-logs-` prefix. */
  readonly logGroupName: string;
  readonly logRetention: RetentionDays;
  /** @default RemovalPolicy.DESTROY */
  readonly logRemovalPolicy?: RemovalPolicy;
}

/** Request headers WAF logs never show. */
export const REDACTED_HEADERS = ['authorization'] as const;

/**
 * A regular expression matching the decimal integers greater than `limit` (leading zeros allowed): a
 * number with more digits, or as many digits and larger at the first digit that differs.
 */
export function decimalAbove(limit: number): string {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new Error(`not a size: ${limit}`);
  const digits = String(limit);
  const alternatives = [`[1-9]\\d{${digits.length},}`];
  for (let i = 0; i < digits.length; i++) {
    const digit = Number(digits[i]);
    if (digit === 9) continue;
    const rest = digits.length - i - 1;
    const next = digit + 1 === 9 ? '9' : `[${digit + 1}-9]`;
    alternatives.push(`${digits.slice(0, i)}${next}${rest > 0 ? `\\d{${rest}}` : ''}`);
  }
  return `^0*(${alternatives.join('|')})$`;
}

/** AWS managed groups, in evaluation order after the IP reputation list and the rate rules. */
export const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesCommonRuleSet',
] as const;

/**
 * The Common set blocks bodies over 8 KB, but ciphertexts go up to 1 MiB: that one rule only counts.
 * The size limit is enforced by the handler (413) and API Gateway's 10 MB payload cap.
 */
export const COMMON_RULE_OVERRIDES = ['SizeRestrictions_BODY'] as const;

/**
 * URI path pattern of a route, with or without the stage segment in front (execute-api URLs carry it,
 * a custom domain would not). `{id}` matches one segment.
 */
export function routePathPattern(route: Route): string {
  const body = route.path
    .split('/')
    .map((part) => (/^\{\w+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return `^(/[^/]+)?${body}/?$`;
}

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  // Sampled requests keep every header, read and manage tokens included, for hours.
  sampledRequestsEnabled: false,
  metricName,
});

const blockWith = (
  responseCode: number,
  customResponseBodyKey: string,
): CfnWebACL.RuleActionProperty => ({
  block: {
    customResponse: {
      responseCode,
      customResponseBodyKey,
      responseHeaders: [{ name: 'Cache-Control', value: 'no-store' }],
    },
  },
});

export class Firewall extends Construct {
  readonly webAcl: CfnWebACL;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: FirewallProps) {
    super(scope, id);
    const rules: CfnWebACL.RuleProperty[] = [];
    let priority = 0;

    // A body the handlers would refuse anyway is refused here, with the same 413: one between the
    // Lambda payload limit (6 MB) and API Gateway's 10 MB would otherwise fail as a 5xx.
    rules.push({
      name: 'BodyTooLarge',
      priority: priority++,
      action: blockWith(413, 'too_large'),
      statement: {
        regexMatchStatement: {
          fieldToMatch: { singleHeader: { Name: 'content-length' } },
          regexString: decimalAbove(LIMITS.bodyBytes),
          textTransformations: [{ priority: 0, type: 'NONE' }],
        },
      },
      visibilityConfig: visibility(`${props.name}-BodyTooLarge`),
    });
    rules.push(managedGroup(MANAGED_RULE_GROUPS[0], priority++, props.name));
    // Every request counts here, whatever its route (metadata, receipts, revokes, health, OPTIONS):
    // the stage throttle is shared by everyone, so one address must not be able to use it all.
    rules.push({
      name: 'RateLimit-any',
      priority: priority++,
      action: blockWith(429, 'throttled'),
      statement: {
        rateBasedStatement: {
          limit: props.rateLimits.any,
          aggregateKeyType: 'IP',
          evaluationWindowSec: 300,
        },
      },
      visibilityConfig: visibility(`${props.name}-RateLimit-any`),
    });

    for (const route of ROUTES.filter((r) => r.rateLimited)) {
      // Destroy takes a verifier as read does: a guess there must not be cheaper than one at read.
      const consumes = route.name === 'read' || route.name === 'destroy';
      const limit = consumes ? props.rateLimits.read : props.rateLimits.create;
      const ruleName = `RateLimit-${route.name}`;
      rules.push({
        name: ruleName,
        priority: priority++,
        action: blockWith(429, 'throttled'),
        statement: {
          rateBasedStatement: {
            limit,
            aggregateKeyType: 'IP',
            evaluationWindowSec: 300,
            scopeDownStatement: {
              andStatement: {
                statements: [
                  {
                    byteMatchStatement: {
                      fieldToMatch: { method: {} },
                      positionalConstraint: 'EXACTLY',
                      searchString: route.method,
                      textTransformations: [{ priority: 0, type: 'NONE' }],
                    },
                  },
                  {
                    regexMatchStatement: {
                      fieldToMatch: { uriPath: {} },
                      regexString: routePathPattern(route),
                      textTransformations: [{ priority: 0, type: 'NONE' }],
                    },
                  },
                ],
              },
            },
          },
        },
        visibilityConfig: visibility(`${props.name}-${ruleName}`),
      });
    }

    rules.push(managedGroup(MANAGED_RULE_GROUPS[1], priority++, props.name));
    rules.push(managedGroup(MANAGED_RULE_GROUPS[2], priority, props.name, COMMON_RULE_OVERRIDES));

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: props.name,
      scope: 'REGIONAL',
      description: `${props.name}: managed rules and per-IP rate limits for the API`,
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${props.name}-WebAcl`),
      customResponseBodies: {
        throttled: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            error: 'throttled',
            message: 'Too many requests from this address; try again later.',
          }),
        },
        too_large: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            error: 'too_large',
            message: `The request body is larger than ${LIMITS.bodyBytes} bytes.`,
          }),
        },
      },
      rules,
    });

    new CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.stageArn,
      webAclArn: this.webAcl.attrArn,
    });

    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: props.logGroupName,
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
    });
    // WAF wants the log group's ARN without the `:*` that LogGroup.logGroupArn carries.
    const destination = Stack.of(this).formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: this.logGroup.logGroupName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    new CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      logDestinationConfigs: [destination],
      redactedFields: REDACTED_HEADERS.map((name) => ({ singleHeader: { Name: name } })),
      // Only what a rule blocked or counted: allowed traffic is in the API's access log already.
      loggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [
          {
            Behavior: 'KEEP',
            Requirement: 'MEETS_ANY',
            Conditions: [
              { ActionCondition: { Action: 'BLOCK' } },
              { ActionCondition: { Action: 'COUNT' } },
              // Rules of a managed group overridden to count (SizeRestrictions_BODY) log as this.
              { ActionCondition: { Action: 'EXCLUDED_AS_COUNT' } },
            ],
          },
        ],
      },
    });
  }
}

function managedGroup(
  name: string,
  priority: number,
  prefix: string,
  countOnly: readonly string[] = [],
): CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    statement: {
      managedRuleGroupStatement: {
        vendorName: 'AWS',
        name,
        ...(countOnly.length > 0
          ? {
              ruleActionOverrides: countOnly.map((rule) => ({
                name: rule,
                actionToUse: { count: {} },
              })),
            }
          : {}),
      },
    },
    visibilityConfig: visibility(`${prefix}-${name}`),
  };
}
