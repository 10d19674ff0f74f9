// Real esbuild bundling (the other infra tests skip it for speed): the handlers ApiFunction bundles,
// built locally without Docker, and what their bundles and source maps carry. The cold start of
// every handler is weighed against the bare SDK (issue 14); what is pinned here is what decides it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { App, Stack } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ApiFunction } from '../../lib/constructs/api-function.ts';

/** Their edge answers errors without a schema: no body to parse (the reaper has no HTTP edge). */
const ZOD_FREE = ['health', 'meta', 'receipt', 'revoke', 'reaper'] as const;
/** They read the table and nothing else. */
const TABLE_ONLY = ['meta', 'receipt'] as const;
/** A handler that parses a body: shows that the checks below would see zod or S3 if it were there. */
const PARSES_A_BODY = 'create';
const HANDLERS = [...ZOD_FREE, PARSES_A_BODY] as const;
type Handler = (typeof HANDLERS)[number];

interface Bundle {
  readonly files: string[];
  readonly code: string;
  readonly map: { sources: string[]; sourcesContent?: unknown; mappings: string };
}

let outdir: string;
const bundles = new Map<Handler, Bundle>();

/** A bundle's inputs that emitted code, as its map lists them (paths relative to the map). */
const sourcesOf = (handler: Handler) => bundles.get(handler)?.map.sources ?? [];
const carries = (handler: Handler, pkg: string) =>
  sourcesOf(handler).some((source) => source.includes(`node_modules/${pkg}/`));

beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'secretsentry-bundle-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'Bundle');
  for (const handler of HANDLERS)
    new ApiFunction(stack, handler, {
      entry: `lambdas/${handler}/handler.ts`,
      description: 'bundling test',
      environment: {},
      logRetention: RetentionDays.ONE_DAY,
    });
  app.synth();
  for (const dir of fs.readdirSync(outdir).filter((d) => d.startsWith('asset.'))) {
    const at = (file: string) => path.join(outdir, dir, file);
    const map = JSON.parse(fs.readFileSync(at('index.mjs.map'), 'utf8')) as Bundle['map'];
    const handler = HANDLERS.find((h) =>
      map.sources.some((s) => s.endsWith(`lambdas/${h}/handler.ts`)),
    );
    if (!handler) throw new Error(`asset ${dir} is none of the handlers bundled`);
    bundles.set(handler, {
      files: fs.readdirSync(path.join(outdir, dir)).sort(),
      code: fs.readFileSync(at('index.mjs'), 'utf8'),
      map,
    });
  }
}, 180_000);

afterAll(() => {
  fs.rmSync(outdir, { recursive: true, force: true });
});

describe('Lambda bundling', () => {
  it('bundles each handler with esbuild into minified ESM with a source map, without Docker', () => {
    expect([...bundles.keys()].sort()).toEqual([...HANDLERS].sort());
    for (const { files, code } of bundles.values()) {
      expect(files).toEqual(['index.mjs', 'index.mjs.map']);
      expect(code).toMatch(/export\s*\{/);
      expect(code).toContain('//# sourceMappingURL=index.mjs.map');
      // Minified: long lines, not one statement per line.
      expect(code.length / code.split('\n').length).toBeGreaterThan(1000);
    }
  });

  it('leaves the sources out of the map, which still maps to the files', () => {
    for (const [handler, { map }] of bundles) {
      expect(map.sourcesContent).toBeUndefined();
      expect(map.sources).toEqual(
        expect.arrayContaining([expect.stringMatching(`lambdas/${handler}/handler\\.ts$`)]),
      );
      expect(map.mappings.length).toBeGreaterThan(0);
    }
  });
});

describe('what a bundle carries', () => {
  it.each(ZOD_FREE)('%s carries no zod', (handler) => {
    expect(sourcesOf(handler).filter((s) => s.includes('node_modules/zod/'))).toEqual([]);
    expect(carries(handler, '@aws-lambda-powertools/logger')).toBe(true);
  });

  it(`${PARSES_A_BODY}, which parses a body, carries zod/mini and no locale`, () => {
    expect(carries(PARSES_A_BODY, 'zod')).toBe(true);
    expect(sourcesOf(PARSES_A_BODY).filter((s) => /node_modules\/zod\/.*locales/.test(s))).toEqual(
      [],
    );
  });

  it.each(TABLE_ONLY)('%s carries no S3 client, only DynamoDB', (handler) => {
    expect(carries(handler, '@aws-sdk/client-s3')).toBe(false);
    expect(carries(handler, '@aws-sdk/client-dynamodb')).toBe(true);
  });

  it('a handler on the vault still carries the S3 client', () => {
    expect(carries('revoke', '@aws-sdk/client-s3')).toBe(true);
  });

  // The expiry alarm's client is create's alone (lambdas/common/expiry-scheduler.ts).
  it('create carries the Scheduler client, and no handler that only reads the table or revokes', () => {
    expect(carries('create', '@aws-sdk/client-scheduler')).toBe(true);
    for (const handler of ['meta', 'receipt', 'revoke', 'health'] as const)
      expect([handler, carries(handler, '@aws-sdk/client-scheduler')]).toEqual([handler, false]);
  });
});
