// The local server's HTTP edge, from outside: what no request may do (end the process, get a reset),
// and what every answer with the page must carry.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { Readable } from 'node:stream';
import { startStack, type RunningStack } from '../helpers/localStack.ts';

let stack: RunningStack;
let port: number;

beforeAll(async () => {
  stack = await startStack();
  port = Number(new URL(stack.url).port);
}, 30_000);

afterAll(async () => {
  await stack?.stop();
});

interface RawAnswer {
  readonly status: number;
  readonly head: string;
  readonly body: string;
}

/** One request over a fresh TCP connection, written byte for byte, so nothing rewrites the target. */
function raw(target: string, method = 'GET'): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', (error) => reject(new Error(`${target.slice(0, 60)}: ${error.message}`)));
    socket.on('end', () => {
      const split = data.indexOf('\r\n\r\n');
      const head = split < 0 ? data : data.slice(0, split);
      const rest = split < 0 ? '' : data.slice(split + 4);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({
        status,
        head,
        body: /\r\ntransfer-encoding: chunked/i.test(head) ? dechunk(rest) : rest,
      });
    });
    socket.write(`${method} ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`, 'latin1');
  });
}

function dechunk(text: string): string {
  let out = '';
  for (let at = 0; ;) {
    const eol = text.indexOf('\r\n', at);
    const size = parseInt(text.slice(at, eol), 16);
    if (!(size > 0)) return out;
    out += text.slice(eol + 2, eol + 2 + size);
    at = eol + 2 + size + 2;
  }
}

const malformedTargets: (readonly [method: string, target: string])[] = [
  ...[
    'http://%zz/api/health',
    'http://x:99999/api/health',
    'http://x:-1/api/health',
    'http://[::1/api/health',
    'http://exa%mple/api/health',
    'http://@/api/health',
    'https://%ff%fe/',
    'http://x%00y/',
    'http://',
    'file:///etc/passwd',
    'mailto:someone',
    '*',
    '?x=1',
    'x',
    '//x',
    '//x/api/health',
    '///',
    '/%zz',
    '/%ff',
    '/%00',
    '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
    '/..%2f..%2fetc%2fpasswd',
    '/assets/%ff%fe',
    '/api/%zz',
    '/api/secrets/%zz',
    '/api/secrets/%ff/receipt',
    '/api/secrets/%E0%A4%A/read',
    '/api/' + '%ff'.repeat(3000),
    '/' + 'a'.repeat(300),
    '/' + 'a'.repeat(20_000),
    'http://x/' + 'a'.repeat(20_000),
  ].map((target) => ['GET', target] as const),
  ['OPTIONS', '*'],
  ['POST', 'http://%zz/api/secrets'],
  ['DELETE', 'http://x:99999/api/secrets/AAAAAAAAAAAAAAAAAAAAAA'],
  // Authority-form, which only CONNECT uses.
  ['CONNECT', 'x:99999'],
  ['CONNECT', '%zz:443'],
  ['CONNECT', '127.0.0.1:1'],
];

describe('malformed request targets', () => {
  it('each get a 4xx answer, never a reset or a 5xx', async () => {
    const failures: string[] = [];
    for (const [method, target] of malformedTargets) {
      const { status } = await raw(target, method);
      if (status < 400 || status > 499)
        failures.push(`${method} ${target.slice(0, 60)}: ${status}`);
    }
    expect(failures).toEqual([]);
  });

  it('answer a target that is not a URL with 400 invalid_request, as JSON, not stored', async () => {
    for (const target of ['http://%zz/api/health', 'http://x:99999/api/health', '*']) {
      const { status, head, body } = await raw(target);

      expect(status).toBe(400);
      expect(head).toMatch(/\r\ncache-control: no-store\r\n/i);
      expect(JSON.parse(body)).toEqual({ error: 'invalid_request', message: expect.any(String) });
    }
  });

  it('route an absolute-form target with a valid host like its path', async () => {
    const { status, body } = await raw('http://localhost/api/health');

    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual({ ok: true });
  });

  it('leave the server healthy', async () => {
    const { status } = await raw('/api/health');

    expect(status).toBe(200);
  });
});

describe('the page', () => {
  it.each(['/', '/s/AAAAAAAAAAAAAAAAAAAAAA', '/m/AAAAAAAAAAAAAAAAAAAAAA'])(
    'is never stored by a cache: %s answers Cache-Control no-store',
    async (path) => {
      const response = await fetch(`${stack.url}${path}`);
      await response.arrayBuffer();

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-store');
    },
  );
});

interface Answer {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly body: string;
  readonly continued: boolean;
}

const MiB = 1024 * 1024;

/** Streams `size` bytes in 64 KiB chunks, the way a client uploads a file. */
function upload(size: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      const n = Math.min(64 * 1024, size - sent);
      sent += n;
      this.push(n > 0 ? Buffer.alloc(n, 0x41) : null);
    },
  });
}

/**
 * POSTs to the create endpoint. Resolves with the answer once it is read in full; an error before
 * that (ECONNRESET, EPIPE) rejects. Once the client has its answer, it may stop sending.
 */
function post(size: number, headers: OutgoingHttpHeaders): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    let continued = false;
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/secrets',
      headers: { 'Content-Type': 'application/json', ...headers },
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.on('continue', () => {
      continued = true;
      upload(size).pipe(req);
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        answered = true;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, continued });
      });
    });
    if (headers.Expect === undefined) upload(size).pipe(req);
    else req.flushHeaders();
  });
}

function expectTooLarge(answer: Answer) {
  expect(answer.status).toBe(413);
  expect(answer.headers.connection).toBe('close');
  expect(answer.headers['cache-control']).toBe('no-store');
  expect(JSON.parse(answer.body)).toEqual({ error: 'too_large', message: expect.any(String) });
}

describe('request bodies over the limit', () => {
  it.each([12, 30])('get 413 too_large for %i MiB with a Content-Length', async (mib) => {
    expectTooLarge(await post(mib * MiB, { 'Content-Length': mib * MiB }));
  });

  it.each([12, 30])('get 413 too_large for %i MiB sent chunked', async (mib) => {
    expectTooLarge(await post(mib * MiB, { 'Transfer-Encoding': 'chunked' }));
  });

  it('get 413 too_large before the body is sent when the client asks first (Expect: 100-continue)', async () => {
    const answer = await post(30 * MiB, { 'Content-Length': 30 * MiB, Expect: '100-continue' });

    expectTooLarge(answer);
    expect(answer.continued).toBe(false);
  });

  it('are still read when they fit, after Expect: 100-continue', async () => {
    const answer = await post(2, { 'Content-Length': 2, Expect: '100-continue' });

    expect(answer.continued).toBe(true);
    // `AA` is not JSON: the handler saw the body and judged it.
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'invalid_request' });
  });

  it('leave the server healthy', async () => {
    const { status } = await raw('/api/health');

    expect(status).toBe(200);
  });
});
