// The page on Amplify: app and branch without a repository, SPA rewrites, security headers shared with the
// local stack, a page no cache stores, and the API URL handed over as a generated config.json at deploy time.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { Stack } from 'aws-cdk-lib';
import { customHeadersYaml, WebHosting } from '../../lib/constructs/web-hosting.ts';
import { pageSecurityHeaders } from '../../web/securityHeaders.ts';
import { resourceOf, synthStage, type Synthesized } from './synth.ts';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { parse } from 'yaml';

let dev: Synthesized;
let prod: Synthesized;
beforeAll(() => {
  dev = synthStage('dev');
  prod = synthStage('prod');
});

type Json = Record<string, unknown>;

interface HeaderRule {
  readonly pattern: string;
  readonly headers: ReadonlyArray<{ key: string; value: string }>;
}

/** The Amplify app's customHeaders YAML as deployed, deploy-time values (the API origin) as `TOKEN`. */
function amplifyHeaderRules(synthesized: Synthesized): HeaderRule[] {
  const customHeaders = resourceOf(synthesized.template, 'AWS::Amplify::App').CustomHeaders as
    string | { 'Fn::Join': [string, unknown[]] };
  const yaml =
    typeof customHeaders === 'string'
      ? customHeaders
      : customHeaders['Fn::Join'][1]
          .map((part) => (typeof part === 'string' ? part : 'TOKEN'))
          .join(customHeaders['Fn::Join'][0]);
  return (parse(yaml) as { customHeaders: HeaderRule[] }).customHeaders;
}

/** Whether an Amplify header pattern (a glob: `**` any path, `*` one segment) covers a path. */
function covers(pattern: string, path: string): boolean {
  const source = pattern
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((text) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*'),
    )
    .join('.*');
  return new RegExp(`^${source}$`).test(path);
}

describe('Amplify hosting', () => {
  it('creates a web app and a branch with no repository and no auto build', () => {
    const app = resourceOf(dev.template, 'AWS::Amplify::App');
    expect(app).toMatchObject({ Name: 'SecretSentry-dev', Platform: 'WEB' });
    expect(app.Repository).toBeUndefined();
    expect(resourceOf(dev.template, 'AWS::Amplify::Branch')).toMatchObject({
      BranchName: 'main',
      EnableAutoBuild: false,
      Stage: 'DEVELOPMENT',
    });
    expect(resourceOf(prod.template, 'AWS::Amplify::Branch')).toMatchObject({
      Stage: 'PRODUCTION',
    });
  });

  it('rewrites /s/* links to the single page', () => {
    const rules = resourceOf(dev.template, 'AWS::Amplify::App').CustomRules as Json[];
    expect(rules).toContainEqual({ Source: '/s/<*>', Target: '/index.html', Status: '200' });
  });

  it('sends the same security headers as the local stack, with the API origin in connect-src', () => {
    const headers = JSON.stringify(resourceOf(dev.template, 'AWS::Amplify::App').CustomHeaders);
    for (const name of Object.keys(pageSecurityHeaders())) expect(headers).toContain(name);
    expect(headers).toContain('no-referrer');
    expect(headers).toContain('nosniff');
    expect(headers).toContain("frame-ancestors 'none'");
    expect(headers).toContain('max-age=63072000');
    expect(headers).toMatch(/connect-src 'self' https:\/\/.*execute-api/);
  });

  it('enforces Trusted Types on the page and allows no data: image, font or manifest', () => {
    for (const synthesized of [dev, prod]) {
      const csp = amplifyHeaderRules(synthesized)
        .flatMap((rule) => rule.headers)
        .filter((h) => h.key === 'Content-Security-Policy')
        .map((h) => h.value);
      expect(csp.length).toBeGreaterThan(0);
      for (const policy of csp) {
        const directives = policy.split('; ');
        expect(directives).toContain("require-trusted-types-for 'script'");
        expect(directives).toContain("trusted-types 'none'");
        expect(directives).toContain("img-src 'self'");
        expect(policy).not.toMatch(/data:|font-src|manifest-src/);
      }
    }
  });

  it.each(['/', '/s/AAAAAAAAAAAAAAAAAAAAAA', '/m/AAAAAAAAAAAAAAAAAAAAAA', '/index.html'])(
    'tells Amplify never to store the page: %s gets Cache-Control no-store',
    (path) => {
      for (const synthesized of [dev, prod]) {
        const cacheControl = amplifyHeaderRules(synthesized)
          .filter((rule) => covers(rule.pattern, path))
          .flatMap((rule) => rule.headers.filter((h) => h.key.toLowerCase() === 'cache-control'))
          .map((h) => h.value);

        expect(cacheControl).toEqual(['no-store']);
      }
    },
  );

  it('writes headers as YAML that quotes CSP values safely', () => {
    const yaml = customHeadersYaml([
      { pattern: '**', headers: { 'Content-Security-Policy': "default-src 'none'" } },
    ]);
    expect(yaml).toBe(
      [
        'customHeaders:',
        '  - pattern: "**"',
        '    headers:',
        '      - key: "Content-Security-Policy"',
        `        value: "default-src 'none'"`,
        '',
      ].join('\n'),
    );
  });

  it('deploys the built page plus a config.json holding the stage API URL', () => {
    const deployment = resourceOf(dev.template, 'Custom::CDKBucketDeployment');
    expect((deployment.SourceObjectKeys as unknown[]).length).toBe(2);
    const markers = JSON.stringify(deployment.SourceMarkers);
    // The API URL is a deploy-time value: the RestApi id and its stage, resolved when config.json is written.
    expect(markers).toMatch(/"Ref":"Api[A-Z0-9]+"/);
    expect(markers).toContain('DeploymentStagev1');
    expect(JSON.stringify(deployment.SourceMarkersConfig)).toContain('jsonEscape');
  });

  it('starts an Amplify deployment from the staged prefix whenever it changes', () => {
    const start = Object.values(dev.template.findResources('Custom::AWS'))
      .map((r) => JSON.stringify((r as { Properties: Json }).Properties))
      .filter((p) => p.includes('Amplify'));
    expect(start).toHaveLength(1);
    expect(start[0]).toContain('StartDeployment');
    expect(start[0]).toContain('BUCKET_PREFIX');
    expect(start[0]).toContain('s3://');
  });

  it('lets only Amplify, for this branch and account, read the staging bucket', () => {
    const policies = Object.values(dev.template.findResources('AWS::S3::BucketPolicy')).map((p) =>
      JSON.stringify((p as { Properties: Json }).Properties),
    );
    const staging = policies.find((p) => p.includes('amplify.amazonaws.com'));
    expect(staging).toContain('aws:SourceArn');
    expect(staging).toContain('aws:SourceAccount');
  });

  it('fails when the page has not been built', () => {
    const stack = new Stack();
    expect(
      () =>
        new WebHosting(stack, 'Web', {
          appName: 'x',
          webDist: '/nonexistent/web/dist',
          apiOrigin: 'https://api.example',
          vaultOrigin: 'https://vault.example',
          apiUrl: 'https://api.example/v1/',
          production: false,
          accessLogsBucket: new Bucket(stack, 'Logs'),
          logRetention: RetentionDays.ONE_WEEK,
        }),
    ).toThrow(/npm run build:web/);
  });
});
