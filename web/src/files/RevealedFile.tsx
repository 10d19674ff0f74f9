// A revealed file: its decrypted name, type and size, and its body saved as it streams in. The read
// is already spent and the download link lives minutes, so saving starts at once (see save.ts).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RevealedFile } from '../../../core/flows.ts';
import { isAbort } from '../errors.ts';
import { chooseSaveStart, type SaveStart } from './save-start.ts';
import { describeDownloadError, saveToFile, saveToMemory } from './save.ts';
import { formatBytes, formatDate, formatTime, times } from '../format.ts';
import { TransferProgress, useTransferProgress } from '../components/TransferProgress.tsx';
import { Busy, ErrorMessage, FocusedStatus, FocusHeading, Notice } from '../components/ui.tsx';
import { DestroyBox, endedText } from '../components/DestroyBox.tsx';

type Saving =
  | { kind: 'ask' }
  | { kind: 'picking' }
  | { kind: 'saving' }
  | { kind: 'saved'; blob: Blob | null }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

export function RevealedFileView({ file, start }: { file: RevealedFile; start: SaveStart }) {
  const { manifest } = file;
  const [saving, setSaving] = useState<Saving>(
    start.to === 'ask' ? { kind: 'ask' } : { kind: 'saving' },
  );
  const [progress, reportProgress, resetProgress] = useTransferProgress();
  const cancelRef = useRef<AbortController | null>(null);
  const started = useRef(false);

  const save = useCallback(
    async (to: SaveStart) => {
      if (to.to === 'ask') return setSaving({ kind: 'ask' });
      const cancel = new AbortController();
      cancelRef.current = cancel;
      resetProgress();
      setSaving({ kind: 'saving' });
      const options = { onProgress: reportProgress, signal: cancel.signal };
      try {
        if (to.to === 'file') {
          await saveToFile(file, to.handle, options);
          setSaving({ kind: 'saved', blob: null });
        } else {
          setSaving({ kind: 'saved', blob: await saveToMemory(file, options) });
        }
      } catch (error) {
        setSaving(
          cancel.signal.aborted && isAbort(error)
            ? { kind: 'cancelled' }
            : { kind: 'failed', message: describeDownloadError(error) },
        );
      } finally {
        cancelRef.current = null;
      }
    },
    [file, reportProgress, resetProgress],
  );

  useEffect(() => {
    // Once per reveal (React's development double effects included): the body can be fetched only
    // while its link lives.
    if (started.current) return;
    started.current = true;
    void save(start);
  }, [save, start]);

  // Leaving mid-download loses the file when this was the last read: the browser asks first.
  useEffect(() => {
    if (saving.kind !== 'saving' && saving.kind !== 'picking') return;
    const hold = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', hold);
    return () => window.removeEventListener('beforeunload', hold);
  }, [saving.kind]);

  async function saveAgain() {
    // A click of its own, so the picker may open again; without a picker, memory.
    setSaving({ kind: 'picking' });
    await save(await chooseSaveStart(manifest.name));
  }

  const [ended, setEnded] = useState<string | null>(null);
  const destroyed = file.remainingReads === 0;
  const usable = Date.now() < Date.parse(file.downloadExpiresAt);
  const downloading = saving.kind === 'saving' || saving.kind === 'picking';
  return (
    <section className="card" aria-labelledby="revealed-heading">
      <FocusHeading id="revealed-heading" level={1}>
        Here is your file
      </FocusHeading>
      <dl className="facts">
        <div>
          <dt>Name</dt>
          <dd className="file-name">{manifest.name}</dd>
        </div>
        <div>
          <dt>Type</dt>
          <dd>{manifest.type}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>
            {formatBytes(manifest.size)}
            {manifest.size >= 1024 ? ` (${manifest.size.toLocaleString()} bytes)` : ''}
          </dd>
        </div>
      </dl>
      {saving.kind === 'saving' ? (
        <TransferProgress
          label="Downloading and decrypting the file"
          progress={progress}
          total={file.download.bodyBytes}
          onCancel={() => cancelRef.current?.abort()}
        />
      ) : null}
      {saving.kind === 'picking' ? <Busy label="Choose where to save the file…" /> : null}
      {saving.kind === 'saved' ? (
        <Saved name={manifest.name} blob={saving.blob} />
      ) : saving.kind === 'saving' || saving.kind === 'picking' ? null : (
        <>
          {saving.kind === 'failed' ? <ErrorMessage>{saving.message}</ErrorMessage> : null}
          {saving.kind === 'cancelled' ? (
            <Notice tone="warning">Download cancelled; nothing was saved.</Notice>
          ) : null}
          {usable ? (
            <>
              <p className="muted">
                The download works until{' '}
                <time dateTime={file.downloadExpiresAt}>{formatTime(file.downloadExpiresAt)}</time>
                {saving.kind === 'ask' ? '. Choose where to save the file before then.' : '.'}
              </p>
              <button type="button" className="button primary" onClick={() => void saveAgain()}>
                {saving.kind === 'ask' ? 'Save file' : 'Try again'}
              </button>
            </>
          ) : destroyed ? (
            <p>
              The download link has expired and the link is used up: ask the sender to share the
              file again.
            </p>
          ) : (
            <p>
              The download link has expired. The link can still be read {times(file.remainingReads)}{' '}
              more: open it again to get a new download.
            </p>
          )}
        </>
      )}
      {destroyed ? (
        <Notice tone="success">
          <strong>The link is now used up.</strong> It will not open this file again.
        </Notice>
      ) : ended !== null ? (
        <FocusedStatus>{ended}</FocusedStatus>
      ) : (
        <>
          <Notice tone="info">
            <strong>This file is not destroyed yet.</strong> The link can be read{' '}
            {times(file.remainingReads)} more until{' '}
            <time dateTime={file.expiresAt}>{formatDate(file.expiresAt)}</time>.
          </Notice>
          {/* Offered once the download has stopped: a body still streaming in would be cut off later. */}
          {downloading ? null : (
            <DestroyBox
              access={file.access}
              what="file"
              onDestroyed={({ alreadyGone }) => setEnded(endedText('file', alreadyGone))}
            />
          )}
        </>
      )}
      <p className="hint">
        SecretSentry checked that the file arrived exactly as it was sent, not what it contains:
        open it only if you trust the sender.
      </p>
    </section>
  );
}

/** Saved: to the picked file, or in memory with a download link, clicked once on its own. */
function Saved({ name, blob }: { name: string; blob: Blob | null }) {
  const [href, setHref] = useState<string | null>(null);
  const link = useRef<HTMLAnchorElement>(null);
  const clicked = useRef(false);
  useEffect(() => {
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [blob]);
  useEffect(() => {
    if (!href || clicked.current) return;
    clicked.current = true;
    link.current?.click();
  }, [href]);
  if (!blob) {
    return (
      <Notice tone="success">
        Saved <span className="file-name">“{name}”</span>.
      </Notice>
    );
  }
  return (
    <>
      <Notice tone="success">
        Downloaded <span className="file-name">“{name}”</span>: see your browser’s downloads.
      </Notice>
      {href ? (
        <a ref={link} className="button secondary" href={href} download={name}>
          Save the file again
        </a>
      ) : null}
    </>
  );
}
