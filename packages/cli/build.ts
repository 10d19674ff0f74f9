// Builds the `secretsentry` CLI into packages/cli/dist: cli.js, the chunks it loads only when a
// command needs them (doctor's AWS SDK, undici for files and proxies), and the licences of the
// code bundled into them. Nothing outside dist/ is needed. The bundle is committed: the GitHub actions run it with
// the runner's Node and `npm pack` ships it, so neither installs anything. A test rebuilds it in
// memory and fails when the committed files differ (test/cli/package.test.ts).
import { build } from 'esbuild';
import { chmodSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = path.join(ROOT, 'packages/cli/dist');

/** File name in dist/ → contents. */
export type BuiltFiles = Map<string, Uint8Array>;

export async function buildCli(): Promise<BuiltFiles> {
  const result = await build({
    // Paths in the bundle's comments are relative to this, so the output does not depend on
    // where the checkout lives.
    absWorkingDir: ROOT,
    entryPoints: ['bin/cli.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    // GitHub-hosted runners' default Node is 20; undici, bundled, needs 20.18.1 (see engines).
    target: 'node20',
    // `doctor` and the AWS SDK it alone needs (two thirds of the code) go to a chunk of their own,
    // loaded only when `doctor` runs: every other command starts without parsing them.
    splitting: true,
    outdir: DIST,
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    write: false,
    metafile: true,
    logLevel: 'warning',
    // Bundled CommonJS packages (commander, the AWS SDK) call require(), which ESM lacks.
    banner: {
      js: "import { createRequire as __secretsentryCreateRequire } from 'node:module';\nconst require = __secretsentryCreateRequire(import.meta.url);",
    },
  });
  const files: BuiltFiles = new Map();
  for (const file of result.outputFiles) files.set(path.basename(file.path), file.contents);
  const inputs = Object.keys(result.metafile.inputs);
  files.set('THIRD_PARTY_LICENSES.txt', new TextEncoder().encode(licences(inputs)));
  return files;
}

/** Name, version, licence and licence text of every package the bundle holds code from. */
function licences(inputs: readonly string[]): string {
  const packageDirs = new Set<string>();
  for (const input of inputs) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match?.[1]) packageDirs.add(match[1]);
  }
  const sections = [...packageDirs].map((dir) => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      license?: string;
    };
    const licenceFile = readdirSync(path.join(ROOT, dir))
      .filter((f) => /^licen[cs]e/i.test(f))
      .sort()[0];
    const text = licenceFile
      ? readFileSync(path.join(ROOT, dir, licenceFile), 'utf8').trim()
      : `(no licence file in the package; package.json says ${pkg.license ?? 'nothing'})`;
    return { title: `${pkg.name} ${pkg.version} (${pkg.license ?? 'unknown'})`, text };
  });
  // The same text (Apache-2.0 for each AWS SDK package) is written once, under every package using it.
  const byText = new Map<string, string[]>();
  for (const { title, text } of sections) byText.set(text, [...(byText.get(text) ?? []), title]);
  const rule = '='.repeat(78);
  const blocks = [...byText].map(
    ([text, titles]) => `${titles.sort(byCodeUnit).join('\n')}\n${rule}\n\n${text}\n`,
  );
  return [
    'Third-party software bundled into cli.js, with its licences.\n',
    ...blocks.sort(byCodeUnit),
  ].join(`\n${rule}\n`);
}

/** Locale-independent order, so the file is the same on every machine. */
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = await buildCli();
  mkdirSync(DIST, { recursive: true });
  // Chunk names carry their content's hash: a stale one from an earlier build must not linger.
  for (const name of readdirSync(DIST)) if (!files.has(name)) rmSync(path.join(DIST, name));
  for (const [name, contents] of files) {
    writeFileSync(path.join(DIST, name), contents);
    chmodSync(path.join(DIST, name), name === 'cli.js' ? 0o755 : 0o644);
  }
}
