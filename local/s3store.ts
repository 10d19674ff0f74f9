// Makes s3rver's FilesystemStore safe under concurrent writes and crashes, and repairs what older
// writes left torn. The S3 emulator is the one place the local stack keeps ciphertexts on disk.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import {
  copyFile,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { FilesystemStore, S3Object, S3rverMiddleware } from 's3rver';

const OBJECT = '._S3rver_object';
const MD5 = '._S3rver_object.md5';
const METADATA = '._S3rver_metadata.json';
/** Our temporary files: never a name s3rver reads, since s3rver's names all end in `._S3rver_<kind>`. */
const TEMPORARY = /\._S3rver_(?:object|object\.md5|metadata\.json)\.tmp-[0-9a-f]{16}$/;
/** Intrinsic values s3rver derives from the object file when reading; the rest is stored metadata. */
const DERIVED = new Set(['etag', 'last-modified', 'content-length']);

/** What an .md5 file holds: an MD5, or a multipart object's ETag (the MD5 of its parts' MD5s-count). */
const ETAG = /^[0-9a-f]{32}(?:-[1-9][0-9]{0,4})?$/;
/** s3rver's upload ids: 16 random bytes in hex. Anything else never names a folder. */
const UPLOAD_ID = /^[0-9a-f]{32}$/;
/** The buffer a multipart completion copies parts through. */
const COPY_BYTES = 4 * 1024 * 1024;

/** An S3 error answer, for the SDK to parse into its typed exception. */
class S3Answer extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const noSuchUpload = () =>
  new S3Answer(404, 'NoSuchUpload', 'The specified upload does not exist.');

/** The folder s3rver keeps a multipart upload's parts in, or a NoSuchUpload for an id it never made. */
function uploadFolder(store: FilesystemStore, bucket: string, uploadId: string): string {
  if (!UPLOAD_ID.test(uploadId)) throw noSuchUpload();
  return path.join(store.getResourcePath(bucket, undefined, 'uploads'), uploadId);
}

const temporaryPath = (file: string): string =>
  path.join(path.dirname(file), `.${path.basename(file)}.tmp-${randomBytes(8).toString('hex')}`);

/**
 * Replaces four methods of s3rver 3.7.1's store on the instance, because as shipped:
 * - deleteObject removes the key's parent directory once it looks empty (readdirSync, then rmdir),
 *   racing a concurrent putObject of another key under the same prefix between its mkdirp and
 *   createWriteStream; that write stream has no 'error' listener, so the ENOENT kills the process.
 * - putObject writes the object, its .md5 and its metadata in place, so a crash mid-write leaves a
 *   torn object or a zero-length metadata file that fails every later listing (and so HeadBucket).
 * - putPart answers once its hashing stream ends, before the part's write stream has flushed (so a
 *   completion can read a part cut short), keeps a part cut off mid-upload, and takes any upload id
 *   or part number; its stream errors go unheard. It also copies every chunk through a Transform.
 * - putObjectMultipart hashes the whole object again, through 64 KiB stream copies.
 * Here deletes touch only the key's own files, and puts write to temporary files renamed into place
 * (object last), with every stream error turned into a rejection: a 500, which the SDK retries.
 */
export function hardenStore(store: FilesystemStore): void {
  store.deleteObject = async (bucket, key) => {
    await Promise.all(
      ['object', 'object.md5', 'metadata.json'].map((kind) =>
        rm(store.getResourcePath(bucket, key, kind), { force: true }),
      ),
    );
  };

  store.putObject = async (object) => {
    const objectPath = store.getResourcePath(object.bucket, object.key, 'object');
    await mkdir(path.dirname(objectPath), { recursive: true });
    const temporary = temporaryPath(objectPath);
    try {
      const { size, md5 } = await writeContent(object.content, temporary);
      await writeAtomically(store.getResourcePath(object.bucket, object.key, 'object.md5'), md5);
      await writeAtomically(
        store.getResourcePath(object.bucket, object.key, 'metadata.json'),
        JSON.stringify(storedMetadata(object), null, 2),
      );
      await rename(temporary, objectPath);
      return { size, md5 };
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  };

  store.putPart = async (bucket, uploadId, partNumber, content) => {
    const folder = uploadFolder(store, bucket, uploadId);
    if (!(await exists(path.join(folder, 'key')))) throw noSuchUpload();
    const number = Number(partNumber);
    if (!Number.isInteger(number) || number < 1 || number > 10_000) {
      throw new S3Answer(
        400,
        'InvalidArgument',
        'Part number must be an integer between 1 and 10000, inclusive.',
      );
    }
    const partPath = path.join(folder, String(number));
    const temporary = temporaryPath(partPath);
    try {
      const { size, md5 } = await writeContent(content, temporary);
      // The .md5 last: completing the upload takes a part only once its .md5 is there.
      await rename(temporary, partPath);
      await writeAtomically(`${partPath}.md5`, md5);
      return { size, md5 };
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  };

  store.putObjectMultipart = async (bucket, uploadId, parts) => {
    const folder = uploadFolder(store, bucket, uploadId);
    let key: string;
    let metadata: Record<string, string>;
    try {
      key = await readFile(path.join(folder, 'key'), 'utf8');
      metadata = JSON.parse(
        await readFile(path.join(folder, 'metadata'), 'utf8'),
      ) as typeof metadata;
    } catch {
      throw noSuchUpload();
    }
    // As AWS does: parts in ascending order, each one uploaded, with the ETag its upload answered.
    for (const [i, part] of parts.entries()) {
      if (i > 0 && part.number <= (parts[i - 1]?.number ?? 0))
        throw new S3Answer(
          400,
          'InvalidPartOrder',
          'The list of parts was not in ascending order.',
        );
      const md5 = await readFile(path.join(folder, `${part.number}.md5`), 'utf8').catch(() => '');
      if (md5 === '' || md5 !== part.etag)
        throw new S3Answer(
          400,
          'InvalidPart',
          'One or more of the specified parts could not be found.',
        );
    }
    // As S3 does, the object is built from its parts without hashing it again: its ETag is the MD5
    // of the parts' MD5s, then their count. The first part is copied (a kernel copy), the others
    // appended through one reused buffer (a third of the time streams take, which copy 64 KiB at a
    // time); the parts stay until the object is in place, so a failure can be completed again.
    const md5s: string[] = [];
    for (const part of parts) md5s.push(part.etag);
    const objectPath = store.getResourcePath(bucket, key, 'object');
    await mkdir(path.dirname(objectPath), { recursive: true });
    const temporary = temporaryPath(objectPath);
    try {
      const [first, ...rest] = parts;
      await copyFile(path.join(folder, String(first!.number)), temporary);
      await appendFiles(
        temporary,
        rest.map((part) => path.join(folder, String(part.number))),
      );
      const { size } = await stat(temporary);
      const joined = Buffer.concat(md5s.map((md5) => Buffer.from(md5, 'hex')));
      const md5 = `${createHash('md5').update(joined).digest('hex')}-${parts.length}`;
      await writeAtomically(store.getResourcePath(bucket, key, 'object.md5'), md5);
      await writeAtomically(
        store.getResourcePath(bucket, key, 'metadata.json'),
        JSON.stringify(
          Object.fromEntries(Object.entries(metadata).filter(([k]) => !DERIVED.has(k))),
          null,
          2,
        ),
      );
      await rename(temporary, objectPath);
      await rm(folder, { recursive: true, force: true });
      return { size, md5 };
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  };
}

/**
 * What s3rver 3.7.1 answers itself and gets wrong, answered before its router: AbortMultipartUpload
 * (405 there), and the errors of the hardened store above as S3's XML error, not a 500.
 */
export function s3Answers(store: FilesystemStore): S3rverMiddleware {
  return async (ctx, next) => {
    try {
      const uploadId = ctx.query.uploadId;
      if (ctx.method !== 'DELETE' || typeof uploadId !== 'string') return await next();
      const bucket = ctx.path.split('/')[1] ?? '';
      const folder = uploadFolder(store, bucket, uploadId);
      if (!(await exists(path.join(folder, 'key')))) throw noSuchUpload();
      await rm(folder, { recursive: true, force: true });
      ctx.status = 204;
    } catch (error) {
      if (!(error instanceof S3Answer)) throw error;
      ctx.status = error.status;
      ctx.body = { Error: { Code: error.code, Message: error.message } };
    }
  };
}

function storedMetadata(object: S3Object): Record<string, string> {
  return Object.fromEntries(Object.entries(object.metadata).filter(([k]) => !DERIVED.has(k)));
}

/** Streams the content to a new file; settles once the file is closed, or on the first error. */
function writeContent(
  content: Readable | Buffer,
  file: string,
): Promise<{ size: number; md5: string }> {
  return new Promise((resolve, reject) => {
    const hash = createHash('md5');
    let size = 0;
    let settled = false;
    const out = createWriteStream(file, { flags: 'wx' });
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      if (!Buffer.isBuffer(content)) content.unpipe(out);
      out.destroy();
      reject(error);
    };
    out.on('error', fail);
    out.on('close', () => {
      if (settled) return;
      if (!out.writableFinished) return fail(new Error('the object file closed before the write'));
      settled = true;
      resolve({ size, md5: hash.digest('hex') });
    });
    if (Buffer.isBuffer(content)) {
      hash.update(content);
      size = content.length;
      out.end(content);
      return;
    }
    // An aborted upload never ends; without these the put would wait forever.
    if (content.destroyed) return fail(new Error('the upload ended early'));
    content.on('error', fail);
    content.on('close', () => {
      if (!content.readableEnded) fail(new Error('the upload ended early'));
    });
    content.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      size += chunk.length;
    });
    content.pipe(out);
  });
}

/** Appends the files to `target` in order, a few MiB at a time through one buffer. */
async function appendFiles(target: string, files: readonly string[]): Promise<void> {
  const buffer = Buffer.allocUnsafe(COPY_BYTES);
  const out = await open(target, 'a');
  try {
    for (const file of files) {
      const input = await open(file, 'r');
      try {
        for (;;) {
          const { bytesRead } = await input.read(buffer, 0, buffer.length, null);
          if (bytesRead === 0) break;
          for (let written = 0; written < bytesRead;) {
            written += (await out.write(buffer, written, bytesRead - written)).bytesWritten;
          }
        }
      } finally {
        await input.close();
      }
    }
  } finally {
    await out.close();
  }
}

async function writeAtomically(file: string, data: string): Promise<void> {
  const temporary = temporaryPath(file);
  try {
    await writeFile(temporary, data, { flag: 'wx' });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Deletes what an interrupted write can leave in s3rver's directory, before s3rver reads it: our
 * temporary files, metadata that is not a JSON object, an .md5 that is not an ETag (s3rver treats
 * a missing metadata file as none and recomputes a missing .md5), and either of them without its
 * object. Returns how many files it deleted.
 */
export async function repairStore(directory: string): Promise<number> {
  let repaired = 0;
  for (const entry of await readdir(directory, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (await isTorn(file)) {
      await rm(file, { force: true });
      repaired += 1;
    }
  }
  return repaired;
}

async function isTorn(file: string): Promise<boolean> {
  if (TEMPORARY.test(file)) return true;
  const owner = file.endsWith(MD5)
    ? file.slice(0, -'.md5'.length)
    : file.endsWith(METADATA)
      ? file.slice(0, -METADATA.length) + OBJECT
      : undefined;
  if (owner === undefined) return false;
  if (!(await exists(owner))) return true;
  const text = await readFile(file, 'utf8');
  return file.endsWith(MD5) ? !ETAG.test(text) : !isJsonObject(text);
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
