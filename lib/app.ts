// Builds the CDK app: one `SecretSentry-<stage>` stack per configured stage, cdk-nag on all of them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { STAGES_CONTEXT_KEY, loadStageConfigs, type StageName } from './config.ts';
import { PROJECT_ROOT } from './constructs/api-function.ts';
import {
  ACCOUNT_STACK_NAME,
  AccountStack,
  StageAccessStack,
  accessStackName,
} from './deploy-access.ts';
import { SecretSentryStack, stackName } from './secret-sentry-stack.ts';

export const DEFAULT_WEB_DIST = path.join(PROJECT_ROOT, 'web', 'dist');

export interface BuildOptions {
  /** Directory of the built page. @default web/dist */
  readonly webDist?: string;
  /** Build only these stages. @default all three */
  readonly stages?: readonly StageName[];
  /** Run cdk-nag's AwsSolutions pack on synth (failing it on findings). @default true */
  readonly nag?: boolean;
  /** Also build the administrator's stacks (SecretSentry-account, SecretSentryAccess-<stage>). @default true */
  readonly access?: boolean;
}

export function buildApp(app: App, options: BuildOptions = {}): Record<string, SecretSentryStack> {
  const configs = loadStageConfigs(app.node.tryGetContext(STAGES_CONTEXT_KEY));
  const stacks: Record<string, SecretSentryStack> = {};
  for (const config of configs) {
    if (options.stages && !options.stages.includes(config.stage)) continue;
    const name = stackName(config.stage);
    const env = stageEnv(config.account);
    const tags = { project: 'secretsentry', stage: config.stage };
    stacks[config.stage] = new SecretSentryStack(app, name, {
      stackName: name,
      description: `SecretSentry ${config.stage}: one-time secret sharing`,
      config,
      webDist: options.webDist ?? DEFAULT_WEB_DIST,
      env,
      tags,
    });
    if (options.access ?? true) {
      new StageAccessStack(app, accessStackName(config.stage), {
        stackName: accessStackName(config.stage),
        description: `SecretSentry ${config.stage}: who may deploy it (deployed once by an administrator)`,
        config,
        env,
        tags,
        terminationProtection: true,
      });
    }
  }
  if (options.access ?? true) {
    new AccountStack(app, ACCOUNT_STACK_NAME, {
      stackName: ACCOUNT_STACK_NAME,
      description: 'SecretSentry: settings shared by every stage of this account and region',
      tags: { project: 'secretsentry' },
      terminationProtection: true,
    });
  }
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stacks;
}

/**
 * A stage pinned to its account deploys nowhere else: CDK assumes that account's roles, so credentials
 * of another account fail before anything changes. Unpinned, the caller's account is used.
 */
function stageEnv(account: string): { account?: string; region?: string } | undefined {
  if (account) return { account, region: process.env.CDK_DEFAULT_REGION };
  return process.env.CDK_DEFAULT_ACCOUNT
    ? { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION }
    : undefined;
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
