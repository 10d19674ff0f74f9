// Where a revealed file will be saved, asked within the click that revealed it. Kept apart from
// save.ts, which brings the download and decryption code the page loads only for files.

/** The part of the File System Access API used here (Chromium-based browsers only, so not in lib.dom). */
export interface SaveHandle {
  createWritable(): Promise<WritableStream<Uint8Array>>;
  /** Chromium's; deletes the file the picker created. */
  remove?(): Promise<void>;
}
type SavePicker = (options: { suggestedName: string }) => Promise<SaveHandle>;

const picker = (): SavePicker | undefined => {
  const candidate = (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  return typeof candidate === 'function' ? (candidate.bind(window) as SavePicker) : undefined;
};

/** How saving starts: into a picked file, into memory, or waiting for a click (the picker was closed). */
export type SaveStart = { to: 'file'; handle: SaveHandle } | { to: 'memory' } | { to: 'ask' };

/**
 * Asks where to save, while the click that revealed the file still counts as a user gesture (the
 * picker needs one). No picker in this browser, or the gesture has lapsed: memory, at once, since the
 * download link lives only minutes. The recipient closed the picker: ask again on their next click.
 */
export async function chooseSaveStart(suggestedName: string): Promise<SaveStart> {
  const show = picker();
  if (!show) return { to: 'memory' };
  try {
    return { to: 'file', handle: await show({ suggestedName }) };
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return { to: 'ask' };
    return { to: 'memory' };
  }
}
