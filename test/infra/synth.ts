// Shared set-up for the infrastructure tests: one stage synthesized per call, without esbuild bundling
// (bundling.test.ts and `npm run synth` exercise it) and without cdk-nag (app.test.ts runs it on every
// stage), against a fixture page.
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp, cdkJsonContext } from '../../lib/app.ts';
import type { StageName } from '../../lib/config.ts';
import type { SecretSentryStack } from '../../lib/secret-sentry-stack.ts';

export const FIXTURE_WEB_DIST = fileURLToPath(new URL('./fixtures/web-dist', import.meta.url));

export interface Synthesized {
  readonly app: App;
  readonly stack: SecretSentryStack;
  readonly template: Template;
}

export function newApp(context: Record<string, unknown> = {}): App {
  // An empty bundling-stacks list makes NodejsFunction skip esbuild and use a placeholder asset.
  return new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...context } });
}

export function synthStage(stage: StageName): Synthesized {
  const app = newApp();
  const stacks = buildApp(app, { webDist: FIXTURE_WEB_DIST, stages: [stage], nag: false });
  const stack = stacks[stage];
  if (!stack) throw new Error(`stage ${stage} was not built`);
  return { app, stack, template: Template.fromStack(stack) };
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/** The one resource of a type whose logical id starts with a prefix. */
export function resourceOf(
  template: Template,
  type: string,
  logicalIdPrefix = '',
): Record<string, unknown> {
  const found = Object.entries(template.findResources(type) as Resources).filter(([id]) =>
    id.startsWith(logicalIdPrefix),
  );
  if (found.length !== 1)
    throw new Error(`expected one ${type} starting with ${logicalIdPrefix}, got ${found.length}`);
  return found[0]?.[1].Properties ?? {};
}

export interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
  readonly Principal?: unknown;
  readonly Sid?: string;
}

export const actionsOf = (statement: Statement): string[] =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

/** Every identity-policy statement attached to a role, by the role's logical id. */
export function roleStatements(template: Template, roleLogicalId: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy') as Resources;
  const statements: Statement[] = [];
  for (const policy of Object.values(policies)) {
    const roles = (policy.Properties?.Roles ?? []) as Array<{ Ref?: string }>;
    if (!roles.some((r) => r.Ref === roleLogicalId)) continue;
    const doc = policy.Properties?.PolicyDocument as { Statement: Statement[] };
    statements.push(...doc.Statement);
  }
  return statements;
}
