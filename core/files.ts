// A file secret's manifest (docs/design.md §2): its name, media type and size, encrypted as a JWE
// with the content key, so the server never sees them. And the name made safe to save under.
import { decryptJwe, encryptJwe } from './envelope.ts';

export interface FileManifest {
  /** The file's own name, without any folder; shown and offered when saving. */
  readonly name: string;
  /** A media type such as `application/pdf`; `application/octet-stream` when unknown. */
  readonly type: string;
  /** The plaintext's exact size in bytes. */
  readonly size: number;
}

export const MAX_NAME_CHARS = 255;
export const DEFAULT_TYPE = 'application/octet-stream';
/** RFC 6838 §4.2 type/subtype, parameters dropped: what a browser's `File.type` or a table gives. */
const MEDIA_TYPE = /^[A-Za-z0-9][\w!#$&^.+-]{0,126}\/[A-Za-z0-9][\w!#$&^.+-]{0,126}$/;

/** The manifest could not be opened, or does not describe the body it came with. */
export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestError';
  }
}

/**
 * A name that is safe as the last part of a path on any system: no folder, no control or reserved
 * characters, no leading dots or trailing dots and spaces, not a Windows device name, at most 255
 * characters; `file` when nothing is left.
 */
export function safeFileName(name: string): string {
  let safe = name
    .normalize('NFC')
    // Everything before the last separator is a folder of the sender's, not part of the name.
    .replace(/^.*[/\\]/, '')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what goes
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(safe)) safe = `_${safe}`;
  if ([...safe].length > MAX_NAME_CHARS) {
    const dot = safe.lastIndexOf('.');
    const extension = dot > 0 && safe.length - dot <= 16 ? safe.slice(dot) : '';
    safe = [...safe].slice(0, MAX_NAME_CHARS - [...extension].length).join('') + extension;
  }
  return safe === '' ? 'file' : safe;
}

export function safeMediaType(type: string | undefined): string {
  const bare = (type ?? '').split(';')[0]!.trim().toLowerCase();
  return MEDIA_TYPE.test(bare) ? bare : DEFAULT_TYPE;
}

/** The manifest as the sender's client writes it: name and type cleaned, size as given. */
export async function sealManifest(
  manifest: FileManifest,
  contentKey: Uint8Array,
): Promise<string> {
  const clean: FileManifest = {
    name: safeFileName(manifest.name),
    type: safeMediaType(manifest.type),
    size: manifest.size,
  };
  return encryptJwe(new TextEncoder().encode(JSON.stringify(clean)), contentKey);
}

/**
 * Decrypts and checks a manifest: a JSON object with a name, a type and a size equal to `plainSize`
 * (what the sealed body holds). The name and type are cleaned again: a sender's client is not
 * trusted to have done it.
 */
export async function openManifest(
  jwe: string,
  contentKey: Uint8Array,
  plainSize: number | undefined,
): Promise<FileManifest> {
  let value: unknown;
  try {
    value = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(await decryptJwe(jwe, contentKey)),
    );
  } catch {
    throw new ManifestError('The file description could not be decrypted with this link.');
  }
  if (typeof value !== 'object' || value === null) {
    throw new ManifestError('The file description is not valid.');
  }
  const { name, type, size } = value as Record<string, unknown>;
  if (typeof name !== 'string' || typeof type !== 'string' || typeof size !== 'number') {
    throw new ManifestError('The file description is not valid.');
  }
  if (!Number.isSafeInteger(size) || size < 0 || size !== plainSize) {
    throw new ManifestError('The file description does not match the stored file.');
  }
  return { name: safeFileName(name), type: safeMediaType(type), size };
}
