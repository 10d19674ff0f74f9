// The page's JavaScript as a browser downloads it (gzip), against the 100 KB target; web/dist must be
// built (`npm run bench` does). Figures only; nothing here passes or fails.
//   node bench/bundle-size.ts   (also lists every asset)
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { exact, formatSection, meets, type Figure, type Section } from './figures.ts';

const TARGET_GZIP_BYTES = 100 * 1024;
export const PAGE_JS_GOAL = { on: 'value', op: '<=', limit: TARGET_GZIP_BYTES / 1024 } as const;
const DIST = fileURLToPath(new URL('../web/dist/', import.meta.url));

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export interface Asset {
  readonly file: string;
  readonly raw: number;
  readonly gzip: number;
  readonly brotli: number;
}

export async function pageSize(dist = DIST): Promise<Section & { details: { assets: Asset[] } }> {
  const html = await readFile(path.join(dist, 'index.html'), 'utf8').catch(() => {
    throw new Error('web/dist is missing: run `npm run build:web` first (npm run bench does).');
  });
  const files = (await readdir(path.join(dist, 'assets'))).sort();

  const assets: Asset[] = [];
  for (const file of files.filter((f) => /\.(js|css)$/.test(f))) {
    const body = await readFile(path.join(dist, 'assets', file));
    assets.push({
      file,
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  const js = assets.filter((r) => r.file.endsWith('.js'));
  const total = (key: 'raw' | 'gzip' | 'brotli', list: readonly Asset[] = js) =>
    list.reduce((sum, r) => sum + r[key], 0);

  // What a first visit downloads: the scripts index.html loads or preloads. The rest (the file
  // sharing and saving code) is fetched only when a file is chosen or a file link opened.
  const referenced = new Set(
    [...html.matchAll(/(?:src|href)="[^"]*\/assets\/([^"]+\.js)"/g)].map((m) => m[1]),
  );
  const initial = js.filter((r) => referenced.has(r.file));
  const catalogs = js.filter((r) => r.file.startsWith('locale-'));
  const onDemand = js.filter((r) => !referenced.has(r.file) && !catalogs.includes(r));
  const gz = total('gzip', initial);

  // A language other than English (which is in the first load) adds its catalogs, one chunk per
  // namespace, fetched before the first render.
  const perLanguage = new Map<string, number>();
  for (const r of catalogs) {
    const language = /^locale-(.+?)-(?:common|share|reveal|manage)-/.exec(r.file)?.[1] ?? r.file;
    perLanguage.set(language, (perLanguage.get(language) ?? 0) + r.gzip);
  }
  const largest = [...perLanguage].sort((a, b) => b[1] - a[1])[0];

  const value = exact(gz / 1024);
  const figures: Figure[] = [
    {
      name: 'JS loaded with the page, gzipped',
      unit: 'KB',
      value,
      goal: PAGE_JS_GOAL,
      met: meets(PAGE_JS_GOAL, { value }),
    },
    ...(largest
      ? [
          {
            name: `first load in another language (largest: ${largest[0]})`,
            unit: 'KB',
            value: exact((gz + largest[1]) / 1024),
          },
        ]
      : []),
    {
      name: `loaded on demand for files (${onDemand.length} chunks)`,
      unit: 'KB',
      value: exact(total('gzip', onDemand) / 1024),
    },
  ];
  return {
    id: 'page-size',
    title: 'Page: JavaScript in web/dist as a browser downloads it (gzip -9)',
    figures,
    notes: [
      'no floor: the target is a budget for the first load, not a measured minimum',
      `all JavaScript ${kb(total('gzip'))} gzipped, ${kb(total('brotli'))} brotli; whole page (JS + CSS) ${kb(total('gzip', assets))} gzipped; index.html ${kb(Buffer.byteLength(html))}`,
    ],
    details: { assets },
  };
}

if (import.meta.main) {
  const section = await pageSize();
  for (const r of section.details.assets) {
    console.log(
      `  ${r.file.padEnd(32)} raw ${kb(r.raw).padStart(9)}  gzip ${kb(r.gzip).padStart(8)}  brotli ${kb(r.brotli).padStart(8)}`,
    );
  }
  console.log(formatSection(section));
}
