// uploadBody and downloadBody against a vault kept in memory: the parts S3 would get, the retries,
// what is refused, and the progress a person sees.
import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import {
  downloadBody,
  TransferError,
  uploadBody,
  vaultRefused,
  type Progress,
  type SendBytes,
} from '../../core/transfer.ts';

const EXPIRES = new Date(0).toISOString();

function streamOf(bytes: Uint8Array, chunk = 1000): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunk));
      offset += chunk;
    },
  });
}

/** A vault that keeps each PUT by URL, can fail given URLs a number of times, and counts calls. */
function memoryVault(failures: Record<string, TransferError[]> = {}) {
  const stored = new Map<string, Uint8Array>();
  let calls = 0;
  let inFlight = 0;
  let mostInFlight = 0;
  const send: SendBytes = async (url, body, onSent) => {
    calls += 1;
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, 2));
      const failure = failures[url]?.shift();
      if (failure) {
        onSent(Math.floor(body.length / 2));
        throw failure;
      }
      stored.set(url, body.slice());
      onSent(body.length);
      return `"etag-${url}"`;
    } finally {
      inFlight -= 1;
    }
  };
  return { send, stored, calls: () => calls, mostInFlight: () => mostInFlight };
}

const multipart = (parts: number, partBytes: number) => ({
  partBytes,
  parts: Array.from({ length: parts }, (_, i) => ({
    partNumber: i + 1,
    url: `https://vault.example/part-${i + 1}`,
  })),
  expiresAt: EXPIRES,
});
const noDelay = { retryDelaysMs: [0, 0, 0] };

describe('uploadBody', () => {
  it('puts a small body in one PUT and seals with no parts', async () => {
    const vault = memoryVault();
    const body = randomBytes(5000);

    const seal = await uploadBody(
      { url: 'https://vault.example/one', expiresAt: EXPIRES },
      streamOf(body),
      body.length,
      { send: vault.send },
    );

    expect(seal).toEqual({});
    expect(vault.stored.get('https://vault.example/one')).toEqual(new Uint8Array(body));
  });

  it('cuts a body into parts of partBytes, the last one the rest, and answers their ETags in order', async () => {
    const vault = memoryVault();
    const body = randomBytes(10_500);

    const seal = await uploadBody(multipart(3, 4096), streamOf(body, 777), body.length, {
      send: vault.send,
      concurrency: 2,
    });

    expect(seal.parts).toEqual(
      [1, 2, 3].map((n) => ({ partNumber: n, etag: `"etag-https://vault.example/part-${n}"` })),
    );
    expect(vault.stored.get('https://vault.example/part-1')).toEqual(
      new Uint8Array(body.subarray(0, 4096)),
    );
    expect(vault.stored.get('https://vault.example/part-3')).toEqual(
      new Uint8Array(body.subarray(8192)),
    );
    expect(vault.mostInFlight()).toBeLessThanOrEqual(2);
  });

  it('retries a part that failed in a retryable way, and reports progress that never overshoots', async () => {
    const vault = memoryVault({
      'https://vault.example/part-2': [
        new TransferError('network', { retryable: true }),
        new TransferError('503', { status: 503, retryable: true }),
      ],
    });
    const body = randomBytes(9000);
    const seen: Progress[] = [];

    await uploadBody(multipart(3, 4096), streamOf(body), body.length, {
      send: vault.send,
      onProgress: (p) => seen.push(p),
      ...noDelay,
    });

    expect(vault.stored.get('https://vault.example/part-2')).toEqual(
      new Uint8Array(body.subarray(4096, 8192)),
    );
    expect(vault.calls()).toBe(5);
    expect(seen.at(-1)).toEqual({ done: 9000, total: 9000 });
    expect(Math.max(...seen.map((p) => p.done))).toBe(9000);
  });

  it('gives up at once on a refused URL (403: expired)', async () => {
    const vault = memoryVault({
      'https://vault.example/part-1': [
        new TransferError('expired', { status: 403, retryable: false }),
      ],
    });
    const body = randomBytes(9000);

    await expect(
      uploadBody(multipart(3, 4096), streamOf(body), body.length, { send: vault.send, ...noDelay }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('gives up after the last retry', async () => {
    const again = () => new TransferError('network', { retryable: true });
    const vault = memoryVault({
      'https://vault.example/one': [again(), again(), again(), again()],
    });
    const body = randomBytes(100);

    await expect(
      uploadBody(
        { url: 'https://vault.example/one', expiresAt: EXPIRES },
        streamOf(body),
        body.length,
        { send: vault.send, ...noDelay },
      ),
    ).rejects.toBeInstanceOf(TransferError);
    expect(vault.calls()).toBe(4);
  });

  it.each([
    ['shorter', 8999],
    ['longer', 9001],
  ])(
    'refuses a body %s than declared (the file changed while being read)',
    async (_what, length) => {
      const vault = memoryVault();

      await expect(
        uploadBody(multipart(3, 4096), streamOf(randomBytes(length)), 9000, { send: vault.send }),
      ).rejects.toMatchObject({
        message: expect.stringMatching(/changed while it was being read/),
        reason: 'file_changed',
      });
    },
  );

  it('refuses an upload plan that does not fit the body', async () => {
    await expect(
      uploadBody(multipart(2, 4096), streamOf(randomBytes(9000)), 9000, {
        send: memoryVault().send,
      }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/upload plan/), reason: 'bad_plan' });
  });
});

describe('uploadBody with a streaming sender', () => {
  /** A source that counts what was pulled from it, `chunk` bytes at a time. */
  function countedSource(bytes: Uint8Array, chunk: number, endEarlyAt?: number) {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        const end = Math.min(endEarlyAt ?? bytes.length, bytes.length);
        if (pulled >= end) return controller.close();
        controller.enqueue(bytes.slice(pulled, Math.min(pulled + chunk, end)));
        pulled = Math.min(pulled + chunk, end);
      },
    });
    return { stream, pulled: () => pulled };
  }

  /** Sends a part 100 bytes at a time, each once `filled` says it is there; fails given URLs once. */
  function streamingVault(pulled: () => number, failOnce: string[] = []) {
    const stored = new Map<string, Uint8Array>();
    const pulledAtCall: number[] = [];
    const errors: unknown[] = [];
    const send: SendBytes = Object.assign(
      async (
        url: string,
        body: Uint8Array,
        onSent: (n: number) => void,
        _signal: AbortSignal,
        filled?: (end: number) => Promise<void>,
      ) => {
        pulledAtCall.push(pulled());
        const copy = new Uint8Array(body.length);
        try {
          for (let at = 0; at < body.length; at += 100) {
            const end = Math.min(at + 100, body.length);
            await filled!(end);
            copy.set(body.subarray(at, end), at);
            onSent(end);
            if (end >= body.length / 2 && failOnce.includes(url)) {
              failOnce.splice(failOnce.indexOf(url), 1);
              throw new TransferError('network', { retryable: true });
            }
          }
        } catch (error) {
          errors.push(error);
          throw error;
        }
        stored.set(url, copy);
        return `"etag-${url}"`;
      },
      { streams: true },
    );
    return { send, stored, pulledAtCall, errors };
  }

  it('starts each part before it is read, and sends exactly its bytes', async () => {
    const body = randomBytes(10_500);
    const source = countedSource(body, 500);
    const vault = streamingVault(source.pulled);

    const seal = await uploadBody(multipart(3, 4096), source.stream, body.length, {
      send: vault.send,
    });

    expect(seal.parts?.map((part) => part.partNumber)).toEqual([1, 2, 3]);
    for (const [i, [start, end]] of [
      [0, 4096],
      [4096, 8192],
      [8192, 10_500],
    ].entries()) {
      expect(vault.stored.get(`https://vault.example/part-${i + 1}`)).toEqual(
        new Uint8Array(body.subarray(start, end)),
      );
    }
    // Called while its part was still being read: at most a chunk or two of it pulled.
    expect(vault.pulledAtCall[0]).toBeLessThan(4096);
    expect(vault.pulledAtCall[1]).toBeLessThan(8192);
  });

  it('hands a sender that does not stream only whole parts', async () => {
    const body = randomBytes(9000);
    const source = countedSource(body, 500);
    const pulledAtCall: number[] = [];
    const vault = memoryVault();
    const send: SendBytes = (url, bytes, onSent, signal) => {
      pulledAtCall.push(source.pulled());
      return vault.send(url, bytes, onSent, signal);
    };

    await uploadBody(multipart(3, 4096), source.stream, body.length, { send });

    expect(pulledAtCall[0]).toBeGreaterThanOrEqual(4096);
    expect(pulledAtCall[1]).toBeGreaterThanOrEqual(8192);
    expect(vault.stored.get('https://vault.example/part-2')).toEqual(
      new Uint8Array(body.subarray(4096, 8192)),
    );
  });

  it('sends the same bytes again when a part fails midway', async () => {
    const body = randomBytes(9000);
    const source = countedSource(body, 700);
    const vault = streamingVault(source.pulled, ['https://vault.example/part-2']);

    await uploadBody(multipart(3, 4096), source.stream, body.length, {
      send: vault.send,
      ...noDelay,
    });

    expect(vault.errors).toHaveLength(1);
    expect(vault.stored.get('https://vault.example/part-2')).toEqual(
      new Uint8Array(body.subarray(4096, 8192)),
    );
  });

  it('stops the part being sent when the body ends early, and fails the upload', async () => {
    const body = randomBytes(9000);
    const source = countedSource(body, 500, 6000);
    const vault = streamingVault(source.pulled);

    await expect(
      uploadBody(multipart(3, 4096), source.stream, body.length, { send: vault.send }),
    ).rejects.toThrow(/changed while it was being read/);
    // The second part's sender was waiting for bytes that never came: it was told, not left hanging.
    expect(vault.errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/changed/) }),
    ]);
    expect(vault.stored.has('https://vault.example/part-2')).toBe(false);
  });
});

describe('downloadBody', () => {
  const serve =
    (response: Response): typeof fetch =>
    async () =>
      response;
  const read = async (stream: ReadableStream<Uint8Array>) =>
    new Uint8Array(await new Response(stream).arrayBuffer());

  it('passes the body through and counts it', async () => {
    const body = randomBytes(3000);
    const seen: Progress[] = [];
    const stream = await downloadBody('https://vault.example/get', body.length, {
      fetch: serve(new Response(body)),
      onProgress: (p) => seen.push(p),
    });

    expect(await read(stream)).toEqual(new Uint8Array(body));
    expect(seen.at(-1)).toEqual({ done: 3000, total: 3000 });
  });

  it('says an expired URL (403) is refused, not retried', async () => {
    await expect(
      downloadBody('https://vault.example/get', 10, {
        fetch: serve(new Response('<Error/>', { status: 403 })),
      }),
    ).rejects.toMatchObject({ status: 403, retryable: false });
  });

  it('refuses a body cut short', async () => {
    const stream = await downloadBody('https://vault.example/get', 3001, {
      fetch: serve(new Response(new Blob([randomBytes(3000)]).stream())),
    });

    await expect(read(stream)).rejects.toThrow(/cut off/);
  });

  it('refuses a body longer than sealed', async () => {
    const stream = await downloadBody('https://vault.example/get', 2999, {
      fetch: serve(new Response(new Blob([randomBytes(3000)]).stream())),
    });

    await expect(read(stream)).rejects.toThrow(/past the size sealed/);
  });
});

describe('vaultRefused: what every sender makes of a status', () => {
  it.each([
    [403, false],
    [400, false],
    [404, false],
    [408, true],
    [429, true],
    [500, true],
    [503, true],
  ])('%i is retryable: %s', (status, retryable) => {
    expect(vaultRefused(status, 'upload')).toMatchObject({ status, retryable });
  });

  it('says a 403 link has expired', () => {
    expect(vaultRefused(403, 'download').message).toMatch(/download link was refused \(403\)/);
  });
});
