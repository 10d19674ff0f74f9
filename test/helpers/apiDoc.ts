// Reads docs/api.md as the tests check it: its curl examples with their sample answers, its scripts
// and its tables. The doc's conventions are strict so that every example can be checked and run:
// a ```sh block holds at most one curl command, and a curl block is followed by a ```http block
// with the answer it shows.
import { readFileSync } from 'node:fs';

export const API_DOC_PATH = new URL('../../docs/api.md', import.meta.url);

export interface SampleAnswer {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface CurlRequest {
  readonly method: string;
  readonly url: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly data?: { readonly file: string } | { readonly text: string };
}

export interface CurlExample {
  /** 1-based line of the command in docs/api.md, for failure messages. */
  readonly line: number;
  readonly command: string;
  readonly answer: SampleAnswer;
  /**
   * Whether it calls a presigned S3 URL (`$UPLOAD_URL`) rather than the API: S3 answers it, so the
   * API's conventions (routes, `Cache-Control: no-store`, error bodies) do not apply.
   */
  readonly external: boolean;
  /** The request, with the shell variables ($API, $ID, …) taken from `env`. */
  readonly request: (env: (name: string) => string) => CurlRequest;
}

interface Block {
  readonly lang: string;
  readonly line: number;
  readonly text: string;
}

export interface ApiDoc {
  readonly text: string;
  readonly examples: readonly CurlExample[];
  /** The ```js blocks that start with `// <name>.mjs:`, by name. */
  readonly scripts: Readonly<Record<string, string>>;
  /** The rows of the first table after the heading that starts with `heading`, cells trimmed. */
  table(heading: string): string[][];
}

export function readApiDoc(): ApiDoc {
  const text = readFileSync(API_DOC_PATH, 'utf8');
  const blocks = fencedBlocks(text);
  const examples: CurlExample[] = [];
  const scripts: Record<string, string> = {};
  for (const [i, block] of blocks.entries()) {
    const name = /^\/\/ ([\w-]+\.mjs):/.exec(block.text)?.[1];
    if (block.lang === 'js' && name) scripts[name] = block.text;
    if (block.lang !== 'sh') continue;
    const commands = joinContinuations(block.text).filter((c) => /^curl\s/.test(c));
    if (commands.length === 0) continue;
    const next = blocks[i + 1];
    const command = commands[0] ?? '';
    if (commands.length > 1 || next?.lang !== 'http') {
      throw new Error(
        `docs/api.md:${block.line}: one curl command per block, followed by its answer in a http block`,
      );
    }
    const external = !parseCurl(command, (name) => `{${name}}`, block.line).url.startsWith('{API}');
    examples.push({
      line: block.line,
      command,
      external,
      answer: parseAnswer(next.text, next.line),
      request: (env) => parseCurl(command, env, block.line),
    });
  }
  return { text, examples, scripts, table: (heading) => tableAfter(text, heading) };
}

function fencedBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const start = i + 1;
    while (i + 1 < lines.length && !/^```\s*$/.test(lines[i + 1] ?? '')) i++;
    blocks.push({
      lang: open[1] ?? '',
      line: start + 1,
      text: lines.slice(start, i + 1).join('\n'),
    });
    i++;
  }
  return blocks;
}

/** Shell lines with `\`-newline continuations joined; comments and blank lines dropped. */
function joinContinuations(text: string): string[] {
  return text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

function parseAnswer(text: string, line: number): SampleAnswer {
  const [head = '', ...rest] = text.split(/\n\n/);
  const [statusLine = '', ...headerLines] = head.split('\n');
  const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(statusLine)?.[1]);
  if (!Number.isInteger(status)) throw new Error(`docs/api.md:${line}: no HTTP/1.1 status line`);
  const headers: Record<string, string> = {};
  for (const header of headerLines) {
    const [name = '', ...value] = header.split(':');
    headers[name.trim().toLowerCase()] = value.join(':').trim();
  }
  return { status, headers, body: rest.join('\n\n').trim() };
}

/** Words of a shell command: single quotes literal, double quotes and bare words expand $VAR. */
function shellWords(command: string, env: (name: string) => string): string[] {
  const words: string[] = [];
  const pattern = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g;
  let current: string | undefined;
  let last = -1;
  const expand = (s: string) =>
    s.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a: string | undefined, b: string | undefined) =>
      env(a ?? b ?? ''),
    );
  for (const match of command.matchAll(pattern)) {
    const part = match[1] ?? (match[2] !== undefined ? expand(match[2]) : expand(match[3] ?? ''));
    // Adjacent quoted and bare parts form one word, as in a shell.
    if (current !== undefined && match.index === last) current += part;
    else {
      if (current !== undefined) words.push(current);
      current = part;
    }
    last = match.index + match[0].length;
  }
  if (current !== undefined) words.push(current);
  return words;
}

/** The request a curl command sends, for the options the doc uses; any other option is an error. */
function parseCurl(command: string, env: (name: string) => string, line: number): CurlRequest {
  const words = shellWords(command, env).slice(1);
  let method: string | undefined;
  let url: string | undefined;
  const headers: Record<string, string> = {};
  let data: CurlRequest['data'];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const value = () => words[++i] ?? '';
    if (/^-[sSi]+$/.test(word)) continue;
    else if (word === '-X') method = value();
    else if (word === '-H') {
      const [name = '', ...rest] = value().split(':');
      headers[name.trim().toLowerCase()] = rest.join(':').trim();
    } else if (word === '-d' || word === '--data' || word === '--data-binary') {
      const v = value();
      data = v.startsWith('@') ? { file: v.slice(1) } : { text: v };
    } else if (word === '-T' || word === '--upload-file') {
      data = { file: value() };
      method ??= 'PUT';
    } else if (!word.startsWith('-') && url === undefined) url = word;
    else throw new Error(`docs/api.md:${line}: curl option ${word} is not one the tests know`);
  }
  if (url === undefined) throw new Error(`docs/api.md:${line}: curl without a URL`);
  // curl's own defaults: -d makes a POST of application/x-www-form-urlencoded; -T a PUT of the file.
  if (data && method !== 'PUT' && headers['content-type'] === undefined)
    headers['content-type'] = 'application/x-www-form-urlencoded';
  return { method: method ?? (data ? 'POST' : 'GET'), url, headers, ...(data ? { data } : {}) };
}

function tableAfter(text: string, heading: string): string[][] {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /^#+ /.test(l) && l.replace(/^#+ /, '').startsWith(heading));
  if (at < 0) throw new Error(`docs/api.md has no heading ${heading}`);
  const start = lines.findIndex((l, i) => i > at && l.startsWith('|'));
  const rows: string[][] = [];
  for (let i = start; i >= 0 && lines[i]?.startsWith('|'); i++) {
    const cells = (lines[i] ?? '')
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim());
    if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
    rows.push(cells);
  }
  return rows.slice(1);
}
