// The page on Amplify Hosting without a repository: the built `web/dist` plus a generated `config.json`
// (the stage's API URL, known only at deploy time) are copied to a staging bucket prefix, and Amplify is
// told to deploy that prefix. One build serves every stage.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Duration, Fn, FileSystem, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { CfnApp, CfnBranch } from 'aws-cdk-lib/aws-amplify';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectOwnership,
  type IBucket,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import {
  AwsCustomResource,
  AwsCustomResourcePolicy,
  PhysicalResourceId,
  type AwsSdkCall,
} from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { PAGE_CACHE_CONTROL, pageSecurityHeaders } from '../../web/securityHeaders.ts';

export const BRANCH_NAME = 'main';

/** Amplify redirect rules: every `/s/<id>` link and any other extension-less path is the single page. */
export const SPA_RULES: readonly CfnApp.CustomRuleProperty[] = [
  { source: '/s/<*>', target: '/index.html', status: '200' },
  { source: '</^[^.]+$/>', target: '/index.html', status: '200' },
];

export interface WebHostingProps {
  /** App name shown in the Amplify console. */
  readonly appName: string;
  /** Directory holding the built page (`index.html` and assets). */
  readonly webDist: string;
  /** The API's origin (scheme and host): the page's CSP lets it connect there and to the vault. */
  readonly apiOrigin: string;
  /**
   * The vault's origin, virtual-hosted and regional (`https://<bucket>.s3.<region>.amazonaws.com`),
   * exactly the one the presigned URLs name.
   */
  readonly vaultOrigin: string;
  /** The API base URL written to `config.json`. */
  readonly apiUrl: string;
  /** Deploys as a production branch (stage `PRODUCTION`) rather than a development one. */
  readonly production: boolean;
  readonly accessLogsBucket: IBucket;
  readonly logRetention: RetentionDays;
}

/** Fails synth with a plain instruction when the page was not built. */
export function assertWebDist(webDist: string): void {
  if (!fs.existsSync(path.join(webDist, 'index.html'))) {
    throw new Error(
      `The web page is not built: ${path.join(webDist, 'index.html')} does not exist. ` +
        'Run `npm run build:web` (or `npm run synth`, which builds it first).',
    );
  }
}

/** Amplify's customHeaders YAML. Values are JSON strings, which YAML reads as double-quoted scalars. */
export function customHeadersYaml(
  rules: ReadonlyArray<{ pattern: string; headers: Record<string, string> }>,
): string {
  const lines = ['customHeaders:'];
  for (const rule of rules) {
    lines.push(`  - pattern: ${JSON.stringify(rule.pattern)}`, '    headers:');
    for (const [key, value] of Object.entries(rule.headers)) {
      lines.push(`      - key: ${JSON.stringify(key)}`, `        value: ${JSON.stringify(value)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export class WebHosting extends Construct {
  readonly app: CfnApp;
  readonly branch: CfnBranch;
  /** `https://main.<app default domain>`: the page origin. */
  readonly pageOrigin: string;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    assertWebDist(props.webDist);
    const stack = Stack.of(this);

    this.app = new CfnApp(this, 'App', {
      name: props.appName,
      description: 'SecretSentry page (deployed from a build artifact, no repository)',
      platform: 'WEB',
      customRules: [...SPA_RULES],
      // One rule for every path, so no pattern-precedence question arises: the page (`/`, `/s/*`, `/m/*`,
      // all rewritten to index.html) and config.json are never stored, as the local stack sends them.
      // Hashed assets are small and are not cached either.
      customHeaders: customHeadersYaml([
        {
          pattern: '**',
          headers: {
            ...pageSecurityHeaders({ api: props.apiOrigin, vault: props.vaultOrigin }),
            'Cache-Control': PAGE_CACHE_CONTROL,
          },
        },
      ]),
    });
    this.branch = new CfnBranch(this, 'Branch', {
      appId: this.app.attrAppId,
      branchName: BRANCH_NAME,
      stage: props.production ? 'PRODUCTION' : 'DEVELOPMENT',
      enableAutoBuild: false,
    });
    this.pageOrigin = `https://${BRANCH_NAME}.${this.app.attrDefaultDomain}`;

    // Staging area only: Amplify copies the files when it deploys, so nothing here needs keeping.
    const staging = new Bucket(this, 'Staging', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 'web-staging/',
      // Each deploy stages a new copy under site/; Amplify has its own once deployed.
      lifecycleRules: [
        { id: 'ExpireStagedCopies', prefix: 'site/', expiration: Duration.days(30) },
      ],
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    // A new prefix whenever the page or the API changes, so Amplify is asked to deploy again.
    const fingerprint = FileSystem.fingerprint(props.webDist).slice(0, 16);
    const prefix = Fn.join('', [
      'site/',
      fingerprint,
      '-',
      Fn.select(2, Fn.split('/', props.apiUrl)),
    ]);
    const deployment = new BucketDeployment(this, 'Files', {
      destinationBucket: staging,
      destinationKeyPrefix: prefix,
      sources: [
        Source.asset(props.webDist),
        Source.jsonData('config.json', { apiUrl: props.apiUrl }),
      ],
      prune: true,
      logGroup: new LogGroup(this, 'FilesLogs', {
        retention: props.logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });

    staging.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AmplifyReadsTheStagedPage',
        principals: [new ServicePrincipal('amplify.amazonaws.com')],
        actions: ['s3:GetObject', 's3:ListBucket'],
        resources: [staging.bucketArn, staging.arnForObjects('site/*')],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': this.branch.attrArn },
        },
      }),
    );

    const startDeployment: AwsSdkCall = {
      service: 'Amplify',
      action: 'StartDeployment',
      parameters: {
        appId: this.app.attrAppId,
        branchName: BRANCH_NAME,
        sourceUrl: Fn.join('', ['s3://', deployment.deployedBucket.bucketName, '/', prefix, '/']),
        sourceUrlType: 'BUCKET_PREFIX',
      },
      physicalResourceId: PhysicalResourceId.fromResponse('jobSummary.jobId'),
    };
    new AwsCustomResource(this, 'StartDeployment', {
      onCreate: startDeployment,
      onUpdate: startDeployment,
      installLatestAwsSdk: false,
      logGroup: new LogGroup(this, 'StartDeploymentLogs', {
        retention: props.logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({
          actions: ['amplify:StartDeployment'],
          resources: [this.branch.attrArn, `${this.branch.attrArn}/*`],
        }),
        new PolicyStatement({
          actions: ['s3:GetObject', 's3:ListBucket'],
          resources: [staging.bucketArn, staging.arnForObjects('site/*')],
        }),
      ]),
    });
  }
}
