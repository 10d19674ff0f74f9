// The CLI against servers that are not what they claim, and links that do not come from argv.
import { describe, expect, it } from '@jest/globals';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { createApiClient } from '../../core/api.ts';
import { deriveReadToken, parseKey } from '../../core/envelope.ts';
import { buildLink, parseLink } from '../../core/links.ts';
import { cliFetch } from '../../cli/endpoint.ts';
import { stackForThisFile } from '../helpers/localStack.ts';
import { runCli } from './run-cli.ts';

const stack = stackForThisFile();
const SECRET = 'example-token-not-real';

const apiEnv = () => ({ SECRETSENTRY_API_URL: stack.api });

async function share(reads = 1): Promise<{ link: string; manageLink: string }> {
  const result = await runCli(['share', '--manage', '--reads', String(reads)], {
    stdin: SECRET,
    env: apiEnv(),
  });
  expect(result.code).toBe(0);
  const [link = '', manageLink = ''] = result.stdout.trim().split('\n');
  return { link, manageLink };
}

async function remainingReads(link: string): Promise<number> {
  const parsed = parseLink(link);
  const { readToken } = await deriveReadToken(parseKey(parsed.credential));
  return (await createApiClient(stack.api).meta(parsed.id, readToken)).remainingReads;
}

/** A server on loopback that answers as the test says, and remembers what it was asked. */
async function fakeServer(
  answer: (req: IncomingMessage, res: import('node:http').ServerResponse) => void,
): Promise<{ url: string; seen: string[]; close: () => Promise<void> }> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port nothing listens on (fetch refuses some low ports outright, so not port 1). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('links that stay out of argv', () => {
  it('get - reads the link from stdin', async () => {
    const { link } = await share();
    const result = await runCli(['get', '-'], { stdin: `${link}\n` });
    expect(result).toMatchObject({ code: 0, stdout: SECRET });
  });

  it('get and check take the link from SECRETSENTRY_LINK, receipt and revoke from SECRETSENTRY_MANAGE_LINK', async () => {
    const { link, manageLink } = await share(3);
    const checked = await runCli(['check', '--json'], { env: { SECRETSENTRY_LINK: link } });
    expect(checked.code).toBe(0);
    expect(JSON.parse(checked.stdout)).toMatchObject({ readable: true, remainingReads: 3 });
    expect(await remainingReads(link)).toBe(3);

    const got = await runCli(['get'], { env: { SECRETSENTRY_LINK: link } });
    expect(got).toMatchObject({ code: 0, stdout: SECRET });

    const env = { SECRETSENTRY_MANAGE_LINK: manageLink };
    const receipt = await runCli(['receipt', '--json'], { env });
    expect(JSON.parse(receipt.stdout)).toMatchObject({ state: 'active', remainingReads: 2 });
    expect((await runCli(['revoke'], { env })).stdout).toBe('revoked\n');
  });

  it('says where a link can come from when none is given (2)', async () => {
    const result = await runCli(['get']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SECRETSENTRY_LINK');
  });

  it('check says gone (3) once the link is used up, and never spends a read', async () => {
    const { link } = await share(1);
    expect((await runCli(['check', link])).code).toBe(0);
    expect(await remainingReads(link)).toBe(1);
    await runCli(['get', link]);
    expect((await runCli(['check', link])).code).toBe(3);
  });
});

describe('a link names its server', () => {
  it('refuses an API from SECRETSENTRY_API_URL or --api that is not the link server (2), sending it nothing', async () => {
    const { link } = await share();
    const other = await fakeServer((_req, res) => res.writeHead(500).end());
    try {
      const attempts: { argv: string[]; env: Record<string, string> }[] = [
        { argv: ['get', link], env: { SECRETSENTRY_API_URL: `${other.url}/api` } },
        { argv: ['get', link, '--api', `${other.url}/api`], env: {} },
      ];
      for (const args of attempts) {
        const result = await runCli(args.argv, { env: args.env });
        expect(result.code).toBe(2);
        expect(result.stderr).toContain(new URL(stack.url).origin);
      }
      expect(other.seen).toEqual([]);
    } finally {
      await other.close();
    }
    expect(await remainingReads(link)).toBe(1);
  });

  it('fails with network failure (5), naming the cause, when the link server is unreachable, and nothing is consumed', async () => {
    const parsed = parseLink((await share()).link);
    const unreachable = buildLink(
      'secret',
      `http://127.0.0.1:${await closedPort()}`,
      parsed.id,
      parsed.credential,
    );
    const result = await runCli(['get', unreachable]);
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/config\.json.*ECONNREFUSED/);
    expect(await remainingReads(buildLink('secret', stack.url, parsed.id, parsed.credential))).toBe(
      1,
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);

    const debug = await runCli(['get', unreachable, '--debug']);
    expect(debug.stderr).toMatch(/caused by: .*connect ECONNREFUSED 127\.0\.0\.1/);
    expect(debug.stderr).not.toContain(parsed.credential);
  });
});

describe('a server that is not a SecretSentry API', () => {
  it('says so (2) for an API URL without /api, instead of "gone" or "retry"', async () => {
    const result = await runCli(['share'], {
      stdin: SECRET,
      env: { SECRETSENTRY_API_URL: stack.url, SECRETSENTRY_PAGE_URL: stack.url },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not a SecretSentry API/);
  });

  it.each([
    ['200 {}', 200, '{}'],
    [
      '200 with a link-breaking id',
      200,
      JSON.stringify({ id: '../x', expiresAt: 'x', maxReads: 1, manageToken: 'y' }),
    ],
    ['an HTML error page', 502, '<html>Bad gateway</html>'],
  ])('refuses %s instead of printing a broken link (2)', async (_name, status, body) => {
    const fake = await fakeServer((_req, res) =>
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(body),
    );
    try {
      const result = await runCli(['share'], {
        stdin: SECRET,
        env: { SECRETSENTRY_API_URL: `${fake.url}/api` },
      });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/not a SecretSentry API/);
    } finally {
      await fake.close();
    }
  });

  it('refuses to follow a redirect, so the secret and tokens never reach its target', async () => {
    const target = await fakeServer((_req, res) => res.writeHead(201).end('{}'));
    const redirecting = await fakeServer((_req, res) =>
      res.writeHead(307, { Location: `${target.url}/api/secrets` }).end(),
    );
    try {
      const result = await runCli(['share'], {
        stdin: SECRET,
        env: { SECRETSENTRY_API_URL: `${redirecting.url}/api` },
      });
      expect(result.code).toBe(5);
      expect(result.stderr).toMatch(/redirect, which is refused/);
      expect(redirecting.seen).toEqual(['POST /api/secrets']);
      expect(target.seen).toEqual([]);
    } finally {
      await Promise.all([target.close(), redirecting.close()]);
    }
  });

  it("escapes control sequences in a hostile server's error text", async () => {
    const fake = await fakeServer((_req, res) =>
      res
        .writeHead(400, { 'Content-Type': 'application/json' })
        .end(
          JSON.stringify({ error: 'invalid_request', message: 'x\u001b]52;c;aGk=\u0007\u001b[2J' }),
        ),
    );
    try {
      const result = await runCli(['share'], {
        stdin: SECRET,
        env: { SECRETSENTRY_API_URL: `${fake.url}/api` },
      });
      expect(result.code).toBe(2);
      expect([...result.stderr].filter((c) => c < ' ' && c !== '\n')).toEqual([]);
      expect(result.stderr).toContain('\\x1b]52;c;aGk=\\x07');
    } finally {
      await fake.close();
    }
  });

  it('answers errors as JSON on stderr under --json', async () => {
    const result = await runCli(['check', '--json', 'https://example.invalid/s/short#k']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(JSON.parse(result.stderr)).toMatchObject({ error: { code: 'usage', exitCode: 2 } });
  });
});

describe('retries', () => {
  const flaky = (failures: number, status = 503) => {
    let calls = 0;
    const impl = (async () => {
      calls += 1;
      return calls <= failures ? new Response('', { status }) : new Response('{}', { status: 200 });
    }) as typeof fetch;
    return { impl, calls: () => calls };
  };

  it('retries an idempotent call (GET, DELETE) on 503 with back-off', async () => {
    for (const method of ['GET', 'DELETE']) {
      const f = flaky(2);
      const response = await cliFetch(f.impl, [1, 1])('http://x/api', { method });
      expect(response.status).toBe(200);
      expect(f.calls()).toBe(3);
    }
  });

  it('never sends a read (POST) twice', async () => {
    const f = flaky(1);
    const response = await cliFetch(f.impl, [1, 1])('http://x/api/secrets/a/read', {
      method: 'POST',
    });
    expect(response.status).toBe(503);
    expect(f.calls()).toBe(1);
  });

  it('gives up after the last try and hands back the last answer', async () => {
    const f = flaky(5);
    expect((await cliFetch(f.impl, [1, 1])('http://x/api')).status).toBe(503);
    expect(f.calls()).toBe(3);
  });
});

describe('revoke', () => {
  it('says a used-up secret was already burned, and its receipt stays burned', async () => {
    const { link, manageLink } = await share(1);
    await runCli(['get', link]);
    const result = await runCli(['revoke', manageLink]);
    expect(result).toMatchObject({ code: 0, stdout: 'already burned; nothing to revoke\n' });
    const receipt = await runCli(['receipt', manageLink, '--json']);
    expect(JSON.parse(receipt.stdout).state).toBe('burned');
  });
});

describe('a proxy from the environment', () => {
  /** A forward proxy: CONNECT tunnels and absolute-form requests, both counted. */
  async function forwardProxy() {
    let used = 0;
    const server = createServer((req, res) => {
      used += 1;
      const target = new URL(req.url ?? '/');
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          method: req.method,
          headers: req.headers,
        },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      req.pipe(upstream);
    });
    server.on('connect', (req, socket, head) => {
      used += 1;
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host, () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      used: () => used,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  }

  it('goes through HTTP_PROXY, and around it for hosts in NO_PROXY', async () => {
    const proxy = await forwardProxy();
    try {
      const through = await runCli(['share'], {
        stdin: SECRET,
        env: { ...apiEnv(), HTTP_PROXY: proxy.url },
      });
      expect(through.code).toBe(0);
      const viaProxy = proxy.used();
      expect(viaProxy).toBeGreaterThan(0);

      const around = await runCli(['share'], {
        stdin: SECRET,
        env: { ...apiEnv(), HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' },
      });
      expect(around.code).toBe(0);
      expect(proxy.used()).toBe(viaProxy);
    } finally {
      await proxy.close();
    }
  });
});
