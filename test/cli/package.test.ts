// The CLI as it ships: the bundle committed in packages/cli/dist (what the GitHub actions run) and
// the package @secretsentry/cli packed from it and installed on its own, as a user would.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildCli, DIST } from '../../packages/cli/build.ts';
import { startStack, type RunningStack } from '../helpers/localStack.ts';
import { ROOT, runCli } from './run-cli.ts';

const PACKAGE = path.join(ROOT, 'packages/cli');
const manifest = JSON.parse(readFileSync(path.join(PACKAGE, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  bin: Record<string, string>;
  dependencies?: unknown;
};
const npm = (args: string[], cwd: string) =>
  promisify(execFile)('npm', args, {
    cwd,
    // Its own cache, so the install can only come from the tarball (and leaves the user's alone).
    env: { ...process.env, npm_config_cache: path.join(work, 'npm-cache') },
  });

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'secretsentry-package-'));
});

describe('the committed bundle (packages/cli/dist)', () => {
  it('is exactly what a fresh build makes: run `npm run build:cli` and commit it when this fails', async () => {
    const built = await buildCli();

    const stale = [...built]
      .filter(([name, bytes]) => {
        const committed = (() => {
          try {
            return readFileSync(path.join(DIST, name));
          } catch {
            return undefined;
          }
        })();
        return committed === undefined || !committed.equals(bytes);
      })
      .map(([name]) => name);
    expect(stale).toEqual([]);
    expect(readdirSync(DIST).sort()).toEqual([...built.keys()].sort());
  }, 60_000);

  it('reports the version of its package', async () => {
    const result = await runCli(['--version'], { entry: path.join(DIST, 'cli.js') });

    expect(result).toMatchObject({ code: 0, stdout: `${manifest.version}\n` });
  });
});

describe('the package @secretsentry/cli, packed and installed on its own', () => {
  let stack: RunningStack;
  let bin: string;
  let packed: { name: string; filename: string; size: number; files: { path: string }[] };

  beforeAll(async () => {
    stack = await startStack();
    const { stdout } = await npm(['pack', '--json', '--pack-destination', work], PACKAGE);
    packed = (JSON.parse(stdout) as (typeof packed)[])[0] ?? packed;
    // A clean folder with nothing around it: the bundle can lean on no node_modules but its own.
    const app = mkdtempSync(path.join(tmpdir(), 'secretsentry-install-'));
    writeFileSync(path.join(app, 'package.json'), '{"private": true}\n');
    await npm(
      [
        'install',
        '--offline',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        path.join(work, packed.filename),
      ],
      app,
    );
    bin = path.join(app, 'node_modules/.bin/secretsentry');
  }, 90_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('holds the bundle, its licences, a README and its manifest, nothing else, and no dependencies', () => {
    expect(packed.name).toBe('@secretsentry/cli');
    const built = readdirSync(DIST).map((name) => `dist/${name}`);
    expect(built).toContain('dist/cli.js');
    expect(packed.files.map((f) => f.path).sort()).toEqual(
      ['README.md', 'package.json', ...built].sort(),
    );
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.bin).toEqual({ secretsentry: 'dist/cli.js' });
    // What npm downloads: the whole CLI, AWS SDK for `doctor` included, well under 2 MB.
    expect(packed.size).toBeLessThan(2 * 1024 * 1024);
  });

  it('installs an executable `secretsentry` that shares and then gets a secret from the local stack', async () => {
    const secret = 'packaged-cli-example-secret';

    const shared = await runCli(['share'], {
      stdin: secret,
      env: { SECRETSENTRY_API_URL: stack.api },
      entry: bin,
    });
    const got = await runCli(['get', '-'], { stdin: shared.stdout.trim(), entry: bin });

    expect(statSync(bin).mode & 0o111).not.toBe(0);
    expect(shared.code).toBe(0);
    expect(got).toMatchObject({ code: 0, stdout: secret });
  });
});
