// Real esbuild bundling of one handler (the other infra tests skip it for speed): an ESM bundle with a
// source map, built locally without Docker.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { App, Stack } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ApiFunction } from '../../lib/constructs/api-function.ts';

describe('Lambda bundling', () => {
  it('bundles a handler with esbuild into minified ESM with a source map, without Docker', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'secretsentry-bundle-'));
    try {
      const app = new App({ outdir });
      const stack = new Stack(app, 'Bundle');
      new ApiFunction(stack, 'Health', {
        entry: 'lambdas/health/handler.ts',
        description: 'bundling test',
        environment: {},
        logRetention: RetentionDays.ONE_DAY,
      });
      app.synth();
      const assetDirs = fs.readdirSync(outdir).filter((d) => d.startsWith('asset.'));
      expect(assetDirs).toHaveLength(1);
      const files = fs.readdirSync(path.join(outdir, assetDirs[0] ?? '')).sort();
      expect(files).toEqual(['index.mjs', 'index.mjs.map']);
      const code = fs.readFileSync(path.join(outdir, assetDirs[0] ?? '', 'index.mjs'), 'utf8');
      expect(code).toMatch(/export\s*\{/);
      expect(code).toContain('//# sourceMappingURL=index.mjs.map');
      // Minified: long lines, not one statement per line.
      expect(code.length / code.split('\n').length).toBeGreaterThan(1000);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
