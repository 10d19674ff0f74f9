// The WAFv2 web ACL in front of the API stage: AWS managed rule groups plus per-IP rate limits on the
// routes that create or consume secrets (derived from the route table). Every rule reports metrics.
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { ROUTES, type Route } from '../../lambdas/shared/routes.ts';

export interface FirewallProps {
  /** Prefix for metric names, e.g. `SecretSentry-dev`. */
  readonly name: string;
  /** ARN of the API Gateway stage to protect. */
  readonly stageArn: string;
  /** Requests per IP per five minutes, by route name; routes not listed use the first value. */
  readonly rateLimits: { readonly create: number; readonly read: number };
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
  sampledRequestsEnabled: true,
  metricName,
});

export class Firewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: FirewallProps) {
    super(scope, id);
    const rules: CfnWebACL.RuleProperty[] = [];
    let priority = 0;

    rules.push(managedGroup(MANAGED_RULE_GROUPS[0], priority++, props.name));

    for (const route of ROUTES.filter((r) => r.rateLimited)) {
      const limit = route.name === 'read' ? props.rateLimits.read : props.rateLimits.create;
      const ruleName = `RateLimit-${route.name}`;
      rules.push({
        name: ruleName,
        priority: priority++,
        action: {
          block: {
            customResponse: {
              responseCode: 429,
              customResponseBodyKey: 'throttled',
              responseHeaders: [{ name: 'Cache-Control', value: 'no-store' }],
            },
          },
        },
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
      },
      rules,
    });

    new CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.stageArn,
      webAclArn: this.webAcl.attrArn,
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
