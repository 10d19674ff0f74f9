// The REST API and its web ACL: routes from the route table, gateway errors, throttling, no caching,
// access logs without secrets, CORS for the page only, and the WAF rules.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { CfnResource } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { ROUTES } from '../../core/routes.ts';
import { LIMITS } from '../../core/limits.ts';
import { SERVERS } from '../../core/openapi.ts';
import { API_STAGE_NAME } from '../../lib/secret-sentry-stack.ts';
import {
  COMMON_RULE_OVERRIDES,
  MANAGED_RULE_GROUPS,
  decimalAbove,
  routePathPattern,
} from '../../lib/constructs/firewall.ts';
import { resourceOf, synthStage, type Synthesized } from './synth.ts';

let dev: Synthesized;
beforeAll(() => {
  dev = synthStage('dev');
});

type Json = Record<string, unknown>;
const resources = (type: string): Json[] =>
  Object.values(dev.template.findResources(type)).map(
    (r) => (r as { Properties: Json }).Properties,
  );

describe('REST API', () => {
  it('is a regional REST API named after the stage', () => {
    dev.template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      Name: 'SecretSentry-dev',
      EndpointConfiguration: { Types: ['REGIONAL'] },
    });
  });

  it('has one Lambda-proxy method per route of the shared table', () => {
    const methods = resources('AWS::ApiGateway::Method').filter(
      (m) => (m.Integration as Json | undefined)?.Type === 'AWS_PROXY',
    );
    expect(methods.map((m) => m.OperationName).sort()).toEqual(ROUTES.map((r) => r.name).sort());
    for (const route of ROUTES) {
      expect(methods.find((m) => m.OperationName === route.name)?.HttpMethod).toBe(route.method);
    }
  });

  it('serves GET /openapi.json from the openapi Lambda, on the stage the document names as its AWS server', () => {
    const resource = Object.entries(dev.template.findResources('AWS::ApiGateway::Resource')).find(
      ([, r]) => (r as { Properties: Json }).Properties.PathPart === 'openapi.json',
    );
    expect(resource).toBeDefined();
    const method = resources('AWS::ApiGateway::Method').find((m) => m.OperationName === 'openapi');
    expect(method).toMatchObject({ HttpMethod: 'GET', ResourceId: { Ref: resource?.[0] } });
    const uri = JSON.stringify((method?.Integration as Json).Uri);
    expect(uri).toContain(
      dev.stack.getLogicalId(dev.stack.functions.openapi.function.node.defaultChild as CfnResource),
    );
    expect(resourceOf(dev.template, 'AWS::ApiGateway::Stage').StageName).toBe(API_STAGE_NAME);
    expect(SERVERS.aws).toBe(`/${API_STAGE_NAME}`);
  });

  it('answers other methods with a JSON 405, Allow and no-store from a mock integration', () => {
    const anys = resources('AWS::ApiGateway::Method').filter((m) => m.HttpMethod === 'ANY');
    expect(anys).toHaveLength(new Set(ROUTES.map((r) => r.path)).size);
    for (const method of anys) {
      const integration = method.Integration as {
        Type: string;
        IntegrationResponses: Array<{
          StatusCode: string;
          ResponseParameters: Json;
          ResponseTemplates: Json;
        }>;
      };
      expect(integration.Type).toBe('MOCK');
      const response = integration.IntegrationResponses[0];
      expect(response?.StatusCode).toBe('405');
      expect(response?.ResponseParameters['method.response.header.Cache-Control']).toBe(
        "'no-store'",
      );
      expect(response?.ResponseParameters['method.response.header.Allow']).toMatch(
        /^'(GET|POST|DELETE)/,
      );
      const body = JSON.parse(String(response?.ResponseTemplates['application/json']));
      expect(body).toEqual({
        error: 'method_not_allowed',
        message: expect.stringContaining('Method not allowed'),
      });
    }
  });

  it('turns gateway errors into {error, message} JSON with no-store', () => {
    const responses = resources('AWS::ApiGateway::GatewayResponse');
    const byType = new Map(responses.map((r) => [r.ResponseType, r]));
    for (const [type, status] of [
      ['MISSING_AUTHENTICATION_TOKEN', '404'],
      ['THROTTLED', '429'],
      ['REQUEST_TOO_LARGE', '413'],
      ['UNSUPPORTED_MEDIA_TYPE', '415'],
      ['DEFAULT_5XX', '503'],
    ] as const) {
      expect(byType.get(type)?.StatusCode).toBe(status);
    }
    for (const response of responses) {
      expect((response.ResponseParameters as Json)['gatewayresponse.header.Cache-Control']).toBe(
        "'no-store'",
      );
      expect(String((response.ResponseTemplates as Json)['application/json'])).toMatch(
        /^\{"error":"[a-z_]+","message":/,
      );
    }
  });

  it('throttles the stage with the stage configuration and caches nothing', () => {
    const stage = resourceOf(dev.template, 'AWS::ApiGateway::Stage');
    expect(stage.StageName).toBe('v1');
    expect(stage.CacheClusterEnabled).toBe(false);
    expect(stage.TracingEnabled).toBe(true);
    expect(stage.MethodSettings).toEqual([
      expect.objectContaining({
        HttpMethod: '*',
        ResourcePath: '/*',
        CachingEnabled: false,
        DataTraceEnabled: false,
        // Execution logs at ERROR: INFO would log bodies, data trace the headers.
        LoggingLevel: 'ERROR',
        ThrottlingRateLimit: 20,
        ThrottlingBurstLimit: 40,
      }),
    ]);
  });

  it('refuses TLS below 1.2 on the API endpoint', () => {
    expect(resourceOf(dev.template, 'AWS::ApiGateway::RestApi').SecurityPolicy).toBe('TLS_1_2');
  });

  it('writes access logs with retention and without bodies or Authorization headers', () => {
    const stage = resourceOf(dev.template, 'AWS::ApiGateway::Stage');
    const settings = stage.AccessLogSetting as { Format: string; DestinationArn: unknown };
    const format = JSON.parse(settings.Format) as Record<string, string>;
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    expect(settings.Format).not.toMatch(
      /authorization|requestBody|\$input|\$context\.requestOverride|header/i,
    );
    expect(JSON.stringify(settings.DestinationArn)).toContain('ApiAccessLogs');
    dev.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 14 });
  });

  it('allows CORS only from the page origin on Amplify', () => {
    const options = resources('AWS::ApiGateway::Method').filter((m) => m.HttpMethod === 'OPTIONS');
    expect(options.length).toBeGreaterThan(0);
    for (const method of options) {
      const integration = method.Integration as {
        IntegrationResponses: Array<{ ResponseParameters: Json }>;
      };
      const origin =
        integration.IntegrationResponses[0]?.ResponseParameters[
          'method.response.header.Access-Control-Allow-Origin'
        ];
      const text = JSON.stringify(origin);
      expect(text).toContain('https://main.');
      expect(text).toContain('DefaultDomain');
      expect(text).not.toContain("'*'");
    }
  });
});

describe('WAF web ACL', () => {
  const acl = () => resourceOf(dev.template, 'AWS::WAFv2::WebACL');
  const rules = () =>
    acl().Rules as Array<Json & { Name: string; Statement: Json; VisibilityConfig: Json }>;

  it('is regional and associated with the API stage', () => {
    expect(acl().Scope).toBe('REGIONAL');
    dev.template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
      WebACLArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FirewallWebAcl'), 'Arn'] },
    });
    const association = resourceOf(dev.template, 'AWS::WAFv2::WebACLAssociation');
    expect(JSON.stringify(association.ResourceArn)).toMatch(/restapis.*stages/);
  });

  it('runs the AWS managed Common, KnownBadInputs and IpReputation groups', () => {
    const names = rules().map(
      (r) => (r.Statement.ManagedRuleGroupStatement as Json | undefined)?.Name,
    );
    for (const group of MANAGED_RULE_GROUPS) expect(names).toContain(group);
  });

  it('only counts the Common set SizeRestrictions_BODY rule, since secrets go up to 1 MiB', () => {
    const common = rules().find((r) => r.Name === 'AWSManagedRulesCommonRuleSet');
    expect((common?.Statement.ManagedRuleGroupStatement as Json).RuleActionOverrides).toEqual(
      COMMON_RULE_OVERRIDES.map((name) => ({ Name: name, ActionToUse: { Count: {} } })),
    );
  });

  it('rate-limits per IP on the create, fill, read and destroy routes, and on every request, with a 429 JSON answer', () => {
    const rateRules = rules().filter((r) => r.Statement.RateBasedStatement);
    expect(rateRules.map((r) => r.Name).sort()).toEqual([
      'RateLimit-any',
      'RateLimit-create',
      'RateLimit-destroy',
      'RateLimit-fill',
      'RateLimit-read',
    ]);
    const limits = Object.fromEntries(
      rateRules.map((r) => [r.Name, (r.Statement.RateBasedStatement as Json).Limit]),
    );
    expect(limits).toEqual({
      'RateLimit-any': 1000,
      'RateLimit-create': 100,
      // A verifier guessed at destroy costs what one at read does.
      'RateLimit-destroy': 300,
      // A fill stores up to 1 MiB, as a create does.
      'RateLimit-fill': 100,
      'RateLimit-read': 300,
    });
    // The catch-all has no scope-down: metadata, receipt, revoke, health and OPTIONS all count.
    const any = rateRules.find((r) => r.Name === 'RateLimit-any');
    expect((any?.Statement.RateBasedStatement as Json).ScopeDownStatement).toBeUndefined();
    for (const rule of rateRules) {
      expect((rule.Statement.RateBasedStatement as Json).AggregateKeyType).toBe('IP');
      expect(rule.Action).toMatchObject({ Block: { CustomResponse: { ResponseCode: 429 } } });
    }
    expect(
      JSON.parse(String((acl().CustomResponseBodies as Record<string, Json>).throttled?.Content)),
    ).toMatchObject({ error: 'throttled' });
  });

  it('scopes the rate rules to the consuming routes only', () => {
    const read = ROUTES.find((r) => r.name === 'read');
    const create = ROUTES.find((r) => r.name === 'create');
    if (!read || !create) throw new Error('route table changed');
    const readPattern = new RegExp(routePathPattern(read));
    const createPattern = new RegExp(routePathPattern(create));
    expect(readPattern.test('/v1/secrets/abc/read')).toBe(true);
    expect(readPattern.test('/secrets/abc/read')).toBe(true);
    expect(readPattern.test('/v1/secrets/abc/receipt')).toBe(false);
    expect(createPattern.test('/v1/secrets')).toBe(true);
    expect(createPattern.test('/v1/secrets/abc')).toBe(false);
  });

  it('publishes CloudWatch metrics but keeps no sampled requests (they hold tokens) for the ACL and every rule', () => {
    expect(acl().VisibilityConfig).toMatchObject({
      CloudWatchMetricsEnabled: true,
      SampledRequestsEnabled: false,
    });
    for (const rule of rules()) {
      expect(rule.VisibilityConfig).toMatchObject({
        CloudWatchMetricsEnabled: true,
        SampledRequestsEnabled: false,
      });
    }
  });

  it('answers 413 too_large at the WAF for a Content-Length above the body limit, first of all rules', () => {
    const first = [...rules()].sort((a, b) => Number(a.Priority) - Number(b.Priority))[0];
    expect(first?.Name).toBe('BodyTooLarge');
    expect(first?.Action).toMatchObject({
      Block: { CustomResponse: { ResponseCode: 413, CustomResponseBodyKey: 'too_large' } },
    });
    const statement = first?.Statement.RegexMatchStatement as Json;
    expect(statement.FieldToMatch).toEqual({ SingleHeader: { Name: 'content-length' } });
    const pattern = new RegExp(String(statement.RegexString));
    expect(pattern.test(String(LIMITS.bodyBytes))).toBe(false);
    expect(pattern.test(String(LIMITS.bodyBytes + 1))).toBe(true);
    expect(pattern.test('7000000')).toBe(true);
    expect(pattern.test('1024')).toBe(false);
    expect(
      JSON.parse(String((acl().CustomResponseBodies as Record<string, Json>).too_large?.Content)),
    ).toMatchObject({ error: 'too_large' });
  });

  it('logs blocked and counted requests only, to an aws-waf-logs- group, with Authorization redacted', () => {
    const logging = resourceOf(dev.template, 'AWS::WAFv2::LoggingConfiguration');
    expect(logging.RedactedFields).toEqual([{ SingleHeader: { Name: 'authorization' } }]);
    expect(logging.LoggingFilter).toEqual({
      DefaultBehavior: 'DROP',
      Filters: [
        {
          Behavior: 'KEEP',
          Requirement: 'MEETS_ANY',
          Conditions: [
            { ActionCondition: { Action: 'BLOCK' } },
            { ActionCondition: { Action: 'COUNT' } },
            { ActionCondition: { Action: 'EXCLUDED_AS_COUNT' } },
          ],
        },
      ],
    });
    dev.template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: 'aws-waf-logs-secretsentry-dev',
      RetentionInDays: 14,
    });
    const destination = JSON.stringify(logging.LogDestinationConfigs);
    expect(destination).toMatch(/:log-group:","?\{"Ref":"FirewallLogs/);
    expect(destination).not.toContain(':*');
  });
});

describe('decimalAbove (the WAF size pattern)', () => {
  it('matches exactly the integers above the limit, leading zeros allowed', () => {
    for (const limit of [0, 9, 10, 99, 100, 1_064_960, 1_999_999, 6_291_456, 10_485_760]) {
      const pattern = new RegExp(decimalAbove(limit));
      const probes = [0, 1, limit - 1, limit, limit + 1, limit * 10, limit + 9, 10 ** 12];
      for (let i = 0; i < 200; i++) probes.push(Math.floor(Math.random() * limit * 3));
      for (const n of probes.filter((p) => p >= 0)) {
        expect([limit, n, pattern.test(String(n))]).toEqual([limit, n, n > limit]);
        expect(pattern.test(`00${n}`)).toBe(n > limit);
      }
      expect(pattern.test('')).toBe(false);
      expect(pattern.test('12a')).toBe(false);
      expect(pattern.test('-99999999999')).toBe(false);
    }
  });

  it('fails when the limit is not a non-negative safe integer', () => {
    expect(() => decimalAbove(-1)).toThrow(/not a size/);
    expect(() => decimalAbove(1.5)).toThrow(/not a size/);
  });
});
