// Builds the CDK app: one `SecretSentry-<stage>` stack per configured stage, cdk-nag on all of them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { STAGES_CONTEXT_KEY, loadStageConfigs, type StageName } from './config.ts';
import { PROJECT_ROOT } from './constructs/api-function.ts';
import { SecretSentryStack, stackName } from './secret-sentry-stack.ts';

export const DEFAULT_WEB_DIST = path.join(PROJECT_ROOT, 'web', 'dist');

export interface BuildOptions {
  /** Directory of the built page. @default web/dist */
  readonly webDist?: string;
  /** Build only these stages. @default all three */
  readonly stages?: readonly StageName[];
  /** Run cdk-nag's AwsSolutions pack on synth (failing it on findings). @default true */
  readonly nag?: boolean;
}

export function buildApp(app: App, options: BuildOptions = {}): Record<string, SecretSentryStack> {
  const configs = loadStageConfigs(app.node.tryGetContext(STAGES_CONTEXT_KEY));
  const stacks: Record<string, SecretSentryStack> = {};
  for (const config of configs) {
    if (options.stages && !options.stages.includes(config.stage)) continue;
    const name = stackName(config.stage);
    stacks[config.stage] = new SecretSentryStack(app, name, {
      stackName: name,
      description: `SecretSentry ${config.stage}: one-time secret sharing`,
      config,
      webDist: options.webDist ?? DEFAULT_WEB_DIST,
      // Environment-agnostic: synth needs no credentials; `cdk deploy` targets the caller's account/region.
      env: process.env.CDK_DEFAULT_ACCOUNT
        ? { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION }
        : undefined,
      tags: { project: 'secretsentry', stage: config.stage },
    });
  }
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stacks;
}

/**
 * The `context` of cdk.json, so the app also synthesizes without the CDK CLI (`npm run synth`, tests).
 * Context given by the CLI takes precedence over these values.
 */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}
