// A file on disk as `share --file` reads it: whole and exact, and refused when it changes under it.
import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileChangedError, mediaTypeOf, regularFile } from '../../cli/file-source.ts';

const work = mkdtempSync(path.join(tmpdir(), 'secretsentry-source-'));

async function drain(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

describe('regularFile', () => {
  it('reads a file exactly, with its name, size and a type from its extension', async () => {
    const bytes = randomBytes(2.5 * 1024 * 1024);
    const file = path.join(work, 'Report.PDF');
    writeFileSync(file, bytes);

    const source = await regularFile(file);

    expect(source).toMatchObject({
      name: 'Report.PDF',
      type: 'application/pdf',
      size: bytes.length,
    });
    expect((await drain(source!.stream())).equals(bytes)).toBe(true);
  });

  it('is undefined for what is not a regular file (a device), which is read as a text secret', async () => {
    expect(await regularFile('/dev/null')).toBeUndefined();
  });

  it('errors the stream when the file grows while it is read', async () => {
    const file = path.join(work, 'growing.bin');
    writeFileSync(file, randomBytes(3 * 1024 * 1024));
    const reader = (await regularFile(file))!.stream().getReader();

    await reader.read();
    appendFileSync(file, 'more');
    const rest = (async () => {
      for (let next = await reader.read(); !next.done; next = await reader.read());
    })();

    await expect(rest).rejects.toBeInstanceOf(FileChangedError);
  });

  it('knows common types and falls back to application/octet-stream', () => {
    expect(mediaTypeOf('a.tar.gz')).toBe('application/gzip');
    expect(mediaTypeOf('id_ed25519')).toBe('application/octet-stream');
  });
});
