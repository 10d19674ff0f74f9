// Lambda bundles exactly as deployed: each entry goes through lib/constructs/api-function.ts's
// ApiFunction, so the CDK's own NodejsFunction runs esbuild with the construct's options, and the
// function's environment (NODE_OPTIONS, Powertools) is read back from the synthesized resource.
// Nothing is copied from the construct, so a change there shows up here.
//   node bench/lambda-bundles.ts OUTDIR ENTRY...   (prints the manifest as JSON on stdout)
// bench/cold-init.ts runs this in a child process: the CDK's bundling messages stay out of the output
// and aws-cdk-lib out of the process that measures.
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LambdaBundle {
  /** The entry, relative to the project root. */
  readonly entry: string;
  /** The bundle the function runs (index.mjs), and its source map beside it. */
  readonly file: string;
  readonly bytes: number;
  readonly mapBytes: number;
  /** The function's environment as synthesized, NODE_OPTIONS included. */
  readonly environment: Readonly<Record<string, string>>;
}

/** What the stack sets on a store handler; all of it, so every handler starts (extras are unread). */
export const LAMBDA_ENVIRONMENT: Readonly<Record<string, string>> = {
  CORS_ORIGIN: 'https://secretsentry.example',
  SECRETSENTRY_STAGE: 'bench',
  TABLE_NAME: 'secretsentry-bench-tokens',
  BUCKET_NAME: 'secretsentry-bench-vault',
  MAX_FILE_BODY_BYTES: '1074020458',
  REAPER_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/000000000000/secretsentry-bench-reaper',
  WEBHOOK_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/000000000000/secretsentry-bench-webhooks',
  EXPIRY_SCHEDULE_GROUP: 'SecretSentry-bench-expiry',
  EXPIRY_TARGET_QUEUE_ARN: 'arn:aws:sqs:eu-west-1:000000000000:secretsentry-bench-webhooks',
  EXPIRY_SCHEDULER_ROLE_ARN: 'arn:aws:iam::000000000000:role/secretsentry-bench-expiry',
};

async function synthesize(outdir: string, entries: readonly string[]): Promise<LambdaBundle[]> {
  const { App, Stack } = await import('aws-cdk-lib');
  const { CfnFunction } = await import('aws-cdk-lib/aws-lambda');
  const { RetentionDays } = await import('aws-cdk-lib/aws-logs');
  const { Asset } = await import('aws-cdk-lib/aws-s3-assets');
  const { ApiFunction } = await import('../lib/constructs/api-function.ts');

  const app = new App({ outdir });
  const stack = new Stack(app, 'SecretSentryBench');
  return entries.map((entry, i) => {
    // Bundling runs here, when the construct stages its asset.
    const fn = new ApiFunction(stack, `Function${i}`, {
      entry,
      description: entry,
      environment: LAMBDA_ENVIRONMENT,
      logRetention: RetentionDays.ONE_DAY,
    });
    const asset = fn.node.findAll().find((c) => c instanceof Asset);
    if (!asset) throw new Error(`${entry}: no code asset staged`);
    const file = path.join(outdir, asset.assetPath, 'index.mjs');
    const cfn = fn.function.node.defaultChild;
    if (!(cfn instanceof CfnFunction)) throw new Error(`${entry}: no CfnFunction`);
    const resolved = stack.resolve(cfn.environment) as { variables?: Record<string, string> };
    return {
      entry,
      file,
      bytes: statSync(file).size,
      mapBytes: statSync(`${file}.map`).size,
      environment: resolved.variables ?? {},
    };
  });
}

/** Bundles the entries in a child process; its output is shown only if it fails. */
export function bundleLambdas(outdir: string, entries: readonly string[]): Promise<LambdaBundle[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), outdir, ...entries], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) return reject(new Error(`bundling failed (${code}):\n${err}`));
      resolve(JSON.parse(out) as LambdaBundle[]);
    });
  });
}

if (import.meta.main) {
  const [outdir, ...entries] = process.argv.slice(2);
  if (!outdir || entries.length === 0) {
    console.error('usage: node bench/lambda-bundles.ts OUTDIR ENTRY...');
    process.exit(2);
  }
  process.stdout.write(JSON.stringify(await synthesize(path.resolve(outdir), entries)));
}
