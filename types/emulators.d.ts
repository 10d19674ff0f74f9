// Minimal typings for the two emulators the local stack embeds (neither ships its own).
declare module 'dynalite' {
  import type { Server } from 'node:http';
  interface DynaliteOptions {
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
  }
  export default function dynalite(options?: DynaliteOptions): Server;
}

declare module 's3rver' {
  import type { AddressInfo } from 'node:net';
  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
    configureBuckets?: { name: string; configs?: string[] }[];
  }
  /** The parts of s3rver's lib/models/object.js and lib/stores/filesystem.js that s3store.ts uses. */
  export interface S3Object {
    readonly bucket: string;
    readonly key: string;
    readonly content: import('node:stream').Readable | Buffer;
    readonly metadata: Record<string, string>;
  }
  export interface FilesystemStore {
    getResourcePath(bucket: string, key: string | undefined, resource: string): string;
    putObject(object: S3Object): Promise<{ size: number; md5: string }>;
    deleteObject(bucket: string, key: string): Promise<void>;
    /** `partNumber` is the request's query value, unchecked. */
    putPart(
      bucket: string,
      uploadId: string,
      partNumber: string,
      content: import('node:stream').Readable,
    ): Promise<{ size: number; md5: string }>;
    putObjectMultipart(
      bucket: string,
      uploadId: string,
      parts: readonly { number: number; etag: string }[],
    ): Promise<{ size: number; md5: string }>;
  }
  /** The parts of a Koa context s3store.ts reads and writes. */
  export interface S3rverContext {
    readonly method: string;
    readonly path: string;
    readonly query: Record<string, string | string[] | undefined>;
    status: number;
    body: unknown;
  }
  export type S3rverMiddleware = (ctx: S3rverContext, next: () => Promise<void>) => Promise<void>;
  export default class S3rver {
    constructor(options?: S3rverOptions);
    readonly store: FilesystemStore;
    /** Koa's middleware list; s3rver's router is the last entry. */
    readonly middleware: S3rverMiddleware[];
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}
