// `npm run bench`: the page's JavaScript as a browser downloads it (gzip), against the 100 KB target.
// Figures and a ratio only; nothing here passes or fails on time.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TARGET_GZIP_BYTES = 100 * 1024;
const dist = fileURLToPath(new URL('../web/dist/', import.meta.url));

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const html = await readFile(path.join(dist, 'index.html'), 'utf8').catch(() => {
  console.error('web/dist is missing: run `npm run build:web` first (npm run bench does).');
  process.exit(2);
});
const assets = (await readdir(path.join(dist, 'assets'))).sort();

const rows: { file: string; raw: number; gzip: number; brotli: number }[] = [];
for (const file of assets.filter((f) => /\.(js|css)$/.test(f))) {
  const body = await readFile(path.join(dist, 'assets', file));
  rows.push({
    file,
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  });
}
const js = rows.filter((r) => r.file.endsWith('.js'));
const total = (key: 'raw' | 'gzip' | 'brotli', list: typeof rows = js) =>
  list.reduce((sum, r) => sum + r[key], 0);

console.log('SecretSentry page bundle (web/dist)');
for (const r of rows) {
  console.log(
    `  ${r.file.padEnd(32)} raw ${kb(r.raw).padStart(9)}  gzip ${kb(r.gzip).padStart(8)}  brotli ${kb(r.brotli).padStart(8)}`,
  );
}
console.log(`  index.html                       raw ${kb(Buffer.byteLength(html)).padStart(9)}`);
// What a first visit downloads: the scripts index.html loads or preloads. The rest (the file
// sharing and saving code) is fetched only when a file is chosen or a file link opened.
const referenced = new Set(
  [...html.matchAll(/(?:src|href)="[^"]*\/assets\/([^"]+\.js)"/g)].map((m) => m[1]),
);
const initial = js.filter((r) => referenced.has(r.file));
const catalogs = js.filter((r) => r.file.startsWith('locale-'));
const onDemand = js.filter((r) => !referenced.has(r.file) && !catalogs.includes(r));
const gz = total('gzip', initial);
console.log('');
console.log(
  `JavaScript loaded with the page, gzipped: ${kb(gz)} (${gz} bytes) of a ${kb(TARGET_GZIP_BYTES)} target`,
);
console.log(
  `ratio to target: ${(gz / TARGET_GZIP_BYTES).toFixed(3)} (${((gz / TARGET_GZIP_BYTES) * 100).toFixed(1)}%)`,
);
console.log(
  `loaded on demand (files): ${kb(total('gzip', onDemand))} gzipped in ${onDemand.length} chunks; ` +
    `all JavaScript: ${kb(total('gzip'))}`,
);
// A language other than English (which is in the first load) adds its catalogs, one chunk per
// namespace, fetched before the first render.
const perLanguage = new Map<string, number>();
for (const r of catalogs) {
  const language = /^locale-(.+?)-(?:common|share|reveal|manage)-/.exec(r.file)?.[1] ?? r.file;
  perLanguage.set(language, (perLanguage.get(language) ?? 0) + r.gzip);
}
if (perLanguage.size > 0) {
  const sizes = [...perLanguage.values()].sort((a, b) => a - b);
  const largest = [...perLanguage].find(([, size]) => size === sizes.at(-1))?.[0];
  console.log(
    `another language's catalogs, gzipped: ${kb(sizes[0] ?? 0)} to ${kb(sizes.at(-1) ?? 0)} ` +
      `(${perLanguage.size} languages; largest ${largest}); first load in it at most ` +
      `${kb(gz + (sizes.at(-1) ?? 0))}`,
  );
}
console.log(
  `whole page (JS + CSS), gzipped: ${kb(total('gzip', rows))}; JS brotli: ${kb(total('brotli'))}`,
);
