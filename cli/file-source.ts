// A file on disk as the share flow takes it: its name, a media type from its extension, its size,
// and a stream that reads it from the start in small chunks (memory stays flat whatever its size).
import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileToShare } from '../core/flows.ts';
import { usage } from './exit.ts';

/** The types a recipient's browser knows what to do with; anything else is application/octet-stream. */
const TYPES: Record<string, string> = {
  '.7z': 'application/x-7z-compressed',
  '.csv': 'text/csv',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.gif': 'image/gif',
  '.gz': 'application/gzip',
  '.jpeg': 'image/jpeg',
  '.jpg': 'image/jpeg',
  '.json': 'application/json',
  '.kdbx': 'application/x-keepass2',
  '.md': 'text/markdown',
  '.p12': 'application/x-pkcs12',
  '.pdf': 'application/pdf',
  '.pem': 'application/x-pem-file',
  '.pfx': 'application/x-pkcs12',
  '.png': 'image/png',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.svg': 'image/svg+xml',
  '.tar': 'application/x-tar',
  '.txt': 'text/plain',
  '.webp': 'image/webp',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.yaml': 'application/yaml',
  '.yml': 'application/yaml',
  '.zip': 'application/zip',
};

export function mediaTypeOf(name: string): string {
  return TYPES[path.extname(name).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file at `file` when it is a regular file, else undefined (a pipe, `/dev/stdin`, a device:
 * those are read whole, as a text secret is, with its size limit).
 */
export async function regularFile(file: string): Promise<FileToShare | undefined> {
  let size: number;
  try {
    const stats = await stat(file);
    if (!stats.isFile()) return undefined;
    size = stats.size;
  } catch (error) {
    throw usage(`Cannot read --file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`);
  }
  let blob: Blob;
  try {
    // A file-backed Blob: Node refuses to read it on if the file changes size or time under it.
    blob = await openAsBlob(file);
  } catch (error) {
    throw usage(`Cannot read --file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`);
  }
  const name = path.basename(file);
  return {
    name,
    type: mediaTypeOf(name),
    size: blob.size === size ? size : blob.size,
    stream: () => blob.stream() as ReadableStream<Uint8Array>,
  };
}
