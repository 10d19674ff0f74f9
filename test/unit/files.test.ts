// A file secret's manifest and the share/reveal flow of a file, against an API and a vault kept in
// memory: what is sent, what the recipient gets back, and what is refused.
import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { ApiError, type ApiClient } from '../../core/api.ts';
import { encryptedBodyLength } from '../../core/body-stream.ts';
import { createRequest, type CreateRequest, type SealRequest } from '../../core/contract.ts';
import { encryptJwe, seal as sealText } from '../../core/envelope.ts';
import { openManifest, safeFileName, safeMediaType, sealManifest } from '../../core/files.ts';
import {
  FileTooLargeError,
  openFileBody,
  shareFile,
  type FileToShare,
} from '../../core/file-flows.ts';
import { prepareReveal, revealSecret, UndecryptableError } from '../../core/flows.ts';
import { LIMITS } from '../../core/limits.ts';
import { parseLink } from '../../core/links.ts';
import { TransferError, type SendBytes } from '../../core/transfer.ts';

const ID = 'AAAAAAAAAAAAAAAAAAAAAA';
const MANAGE = 'M'.repeat(43);
const KEY = new Uint8Array(32).fill(7);

describe('safeFileName', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\secret.txt', 'secret.txt'],
    ['.bashrc', 'bashrc'],
    ['name. ', 'name'],
    ['a\u0000b\u001bc.txt', 'a_b_c.txt'],
    ['evil\u202etxt.exe', 'evil_txt.exe'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['..', 'file'],
    ['', 'file'],
    ['e\u0301.txt', '\u00e9.txt'],
  ])('%j → %j', (name, safe) => {
    expect(safeFileName(name)).toBe(safe);
  });

  it('keeps a long name within 255 characters, extension included', () => {
    const safe = safeFileName(`${'a'.repeat(300)}.tar.gz`);
    expect([...safe]).toHaveLength(255);
    expect(safe.endsWith('.gz')).toBe(true);
  });

  it('takes a media type only in type/subtype form', () => {
    expect(safeMediaType('Application/PDF; charset=x')).toBe('application/pdf');
    expect(safeMediaType('text/html<script>')).toBe('application/octet-stream');
    expect(safeMediaType('')).toBe('application/octet-stream');
  });
});

describe('the manifest', () => {
  it('round-trips name, type and size, cleaned', async () => {
    const jwe = await sealManifest(
      { name: '../x/plan.pdf', type: 'application/pdf', size: 12 },
      KEY,
    );
    expect(await openManifest(jwe, KEY, 12)).toEqual({
      name: 'plan.pdf',
      type: 'application/pdf',
      size: 12,
    });
  });

  it('refuses one that does not describe the body sealed with it', async () => {
    const jwe = await sealManifest({ name: 'a', type: '', size: 12 }, KEY);
    await expect(openManifest(jwe, KEY, 13)).rejects.toThrow(/does not match/);
  });

  it('refuses one under another key, or that is not a manifest', async () => {
    const jwe = await sealManifest({ name: 'a', type: '', size: 1 }, KEY);
    await expect(openManifest(jwe, new Uint8Array(32), 1)).rejects.toThrow(
      /could not be decrypted/,
    );
    const other = await encryptJwe(new TextEncoder().encode('["a"]'), KEY);
    await expect(openManifest(other, KEY, 1)).rejects.toThrow(/not valid/);
    const unsafe = await encryptJwe(
      new TextEncoder().encode('{"name":"..\\\\x","type":"t","size":1}'),
      KEY,
    );
    await expect(openManifest(unsafe, KEY, 1)).resolves.toMatchObject({ name: 'x' });
  });
});

/** An API and a vault in memory: create answers one upload URL, read a download URL of what came. */
function memoryService() {
  const created: CreateRequest[] = [];
  const sealedWith: SealRequest[] = [];
  const vault = new Map<string, Uint8Array>();
  let revoked = 0;
  let readCount = 0;
  const gone = () => new ApiError(404, 'not_found', 'gone');
  const client: ApiClient = {
    async create(request) {
      const parsed = createRequest.safeParse(request);
      if (!parsed.success) throw new ApiError(400, 'invalid_request', 'bad body');
      created.push(parsed.data);
      return {
        id: ID,
        expiresAt: new Date(0).toISOString(),
        maxReads: 1,
        manageToken: MANAGE,
        upload: { url: 'https://vault.example/put', expiresAt: new Date(0).toISOString() },
      };
    },
    async seal(_id, _token, request) {
      sealedWith.push(request);
      const body = vault.get('https://vault.example/put');
      if (body?.length !== created.at(-1)?.file?.bodyBytes)
        throw new ApiError(409, 'upload_mismatch', 'size');
      return { id: ID, expiresAt: new Date(0).toISOString(), maxReads: 1 };
    },
    async meta(id) {
      const stored = created.at(-1);
      if (!stored || revoked) throw gone();
      const passphrase = stored.passphrase
        ? { salt: stored.passphrase.salt, iterations: stored.passphrase.iterations }
        : null;
      return {
        id,
        kind: 'file',
        expiresAt: new Date(0).toISOString(),
        remainingReads: 1,
        passphrase,
      };
    },
    async read() {
      const stored = created.at(-1)!;
      readCount += 1;
      return {
        manifest: stored.file!.manifest,
        download: { url: 'https://vault.example/get', expiresAt: new Date(0).toISOString() },
        bodyBytes: stored.file!.bodyBytes,
        remainingReads: 0,
        expiresAt: new Date(0).toISOString(),
      };
    },
    destroy: async () => {
      throw gone();
    },
    revokeRecipient: async () => {
      throw new Error('no links to revoke here');
    },
    // These flows never fill a request (tested on the local stack: test/integration/requests.test.ts).
    fill: async () => {
      throw new Error('no fill here');
    },
    revoke: async () => {
      revoked += 1;
    },
    receipt: async () => {
      throw gone();
    },
  };
  const send: SendBytes = async (url, body, onSent) => {
    vault.set(url, body.slice());
    onSent(body.length);
    return '"etag"';
  };
  const fetchBody: typeof fetch = async () =>
    new Response(vault.get('https://vault.example/put')!.slice());
  return {
    client,
    send,
    fetchBody,
    vault,
    created,
    sealedWith,
    revoked: () => revoked,
    reads: () => readCount,
  };
}

const fileOf = (bytes: Uint8Array, name = 'plan.pdf', type = 'application/pdf'): FileToShare => ({
  name,
  type,
  size: bytes.length,
  stream: () => new Blob([bytes as Uint8Array<ArrayBuffer>]).stream(),
});

describe('shareFile and revealSecret of a file', () => {
  it('round-trips a file, sending neither its name nor its bytes in the clear', async () => {
    const service = memoryService();
    const bytes = randomBytes(150_000);

    const shared = await shareFile(service.client, {
      file: fileOf(bytes),
      pageOrigin: 'https://page.example',
      send: service.send,
    });
    const revealed = await revealSecret(
      service.client,
      await prepareReveal(service.client, parseLink(shared.link)),
    );
    if (revealed.kind !== 'file') throw new Error('expected a file');
    const body = await openFileBody(revealed, { fetch: service.fetchBody });

    expect(revealed.manifest).toEqual({ name: 'plan.pdf', type: 'application/pdf', size: 150_000 });
    expect(new Uint8Array(await new Response(body).arrayBuffer())).toEqual(new Uint8Array(bytes));
    expect(service.created[0]?.file?.bodyBytes).toBe(encryptedBodyLength(150_000));
    expect(JSON.stringify(service.created)).not.toMatch(/plan\.pdf|application\/pdf/);
    expect(
      Buffer.from(service.vault.get('https://vault.example/put')!).includes(bytes.subarray(0, 64)),
    ).toBe(false);
  });

  it('with a passphrase, the link alone opens neither the manifest nor the body', async () => {
    const service = memoryService();
    const shared = await shareFile(service.client, {
      file: fileOf(randomBytes(1000)),
      pageOrigin: 'https://page.example',
      passphrase: 'correct horse',
      send: service.send,
    });
    const toReveal = await prepareReveal(service.client, parseLink(shared.link));

    // The server's verifier check is skipped here: what is left is the key the link alone gives.
    await expect(
      revealSecret(service.client, { ...toReveal, meta: { ...toReveal.meta, passphrase: null } }),
    ).rejects.toBeInstanceOf(UndecryptableError);
    const revealed = await revealSecret(service.client, toReveal, { passphrase: 'correct horse' });
    expect(revealed).toMatchObject({ kind: 'file', manifest: { size: 1000 } });
  });

  it('refuses a file over 1 GiB before anything is sent', async () => {
    const service = memoryService();
    const huge: FileToShare = {
      name: 'x',
      size: 1024 ** 3 + 1,
      stream: () => new Blob([]).stream(),
    };

    await expect(
      shareFile(service.client, { file: huge, pageOrigin: 'https://page.example' }),
    ).rejects.toBeInstanceOf(FileTooLargeError);
    expect(service.created).toHaveLength(0);
    expect(encryptedBodyLength(1024 ** 3)).toBe(LIMITS.fileBodyBytes);
  });

  it('revokes the pending secret when the upload fails, so nothing half-sent is ever readable', async () => {
    const service = memoryService();
    const failing: SendBytes = async () => {
      throw new TransferError('expired', { status: 403, retryable: false });
    };

    await expect(
      shareFile(service.client, {
        file: fileOf(randomBytes(1000)),
        pageOrigin: 'https://page.example',
        send: failing,
      }),
    ).rejects.toBeInstanceOf(TransferError);
    expect(service.revoked()).toBe(1);
    expect(service.sealedWith).toHaveLength(0);
  });

  it('a body altered in the vault errors the stream instead of passing altered bytes as the file', async () => {
    const service = memoryService();
    const shared = await shareFile(service.client, {
      file: fileOf(randomBytes(200_000)),
      pageOrigin: 'https://page.example',
      send: service.send,
    });
    const stored = service.vault.get('https://vault.example/put')!;
    stored[stored.length - 100]! ^= 1;
    const revealed = await revealSecret(
      service.client,
      await prepareReveal(service.client, parseLink(shared.link)),
    );
    if (revealed.kind !== 'file') throw new Error('expected a file');

    const body = await openFileBody(revealed, { fetch: service.fetchBody });
    await expect(new Response(body).arrayBuffer()).rejects.toThrow(/failed authentication/);
  });

  it('a manifest under another key is undecryptable, not a crash', async () => {
    const service = memoryService();
    await shareFile(service.client, {
      file: fileOf(randomBytes(10)),
      pageOrigin: 'https://page.example',
      send: service.send,
    });
    service.created[0] = {
      ...service.created[0]!,
      file: { manifest: (await sealText('x')).ciphertext, bodyBytes: encryptedBodyLength(10) },
    };
    const link = `https://page.example/s/${ID}#${'A'.repeat(43)}`;

    await expect(
      revealSecret(service.client, await prepareReveal(service.client, parseLink(link))),
    ).rejects.toBeInstanceOf(UndecryptableError);
  });
});

describe('cancelling a file share', () => {
  it('before the seal shares nothing: the pending secret is revoked and never sealed', async () => {
    const service = memoryService();
    const cancel = new AbortController();
    const send: SendBytes = async (url, body, onSent, signal) => {
      const etag = await service.send(url, body, onSent, signal);
      cancel.abort();
      return etag;
    };

    await expect(
      shareFile(service.client, {
        file: fileOf(randomBytes(1000)),
        pageOrigin: 'https://page.example',
        send,
        signal: cancel.signal,
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(service.sealedWith).toHaveLength(0);
    expect(service.revoked()).toBe(1);
  });

  it('already cancelled sends nothing to the vault', async () => {
    const service = memoryService();

    await expect(
      shareFile(service.client, {
        file: fileOf(randomBytes(1000)),
        pageOrigin: 'https://page.example',
        send: service.send,
        signal: AbortSignal.abort(),
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(service.vault.size).toBe(0);
    expect(service.revoked()).toBe(1);
  });
});
