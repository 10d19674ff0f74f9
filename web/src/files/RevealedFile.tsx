// A revealed file: its decrypted name, type and size, and its body saved as it streams in. The read
// is already spent and the download link lives minutes, so saving starts at once (see save.ts).
import { useCallback, useEffect, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { RevealedFile } from '../../../core/flows.ts';
import { isAbort } from '../errors.ts';
import { chooseSaveStart, type SaveStart } from './save-start.ts';
import { downloadFailure, saveToFile, saveToMemory, type DownloadFailure } from './save.ts';
import { formatBytes, formatDate, formatNumber, formatTime } from '../format.ts';
import { TransferProgress, useTransferProgress } from '../components/TransferProgress.tsx';
import { Busy, ErrorMessage, FocusHeading, Notice } from '../components/ui.tsx';
import { DestroyBox, DestroyedStatus } from '../components/DestroyBox.tsx';
import { useHoldPage } from '../leave-guards.ts';

type Saving =
  | { kind: 'ask' }
  | { kind: 'picking' }
  | { kind: 'saving' }
  | { kind: 'saved'; blob: Blob | null }
  | { kind: 'cancelled' }
  | { kind: 'failed'; failure: DownloadFailure };

export function RevealedFileView({ file, start }: { file: RevealedFile; start: SaveStart }) {
  const { t } = useTranslation('reveal');
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
            : { kind: 'failed', failure: downloadFailure(error) },
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
  useHoldPage(saving.kind === 'saving' || saving.kind === 'picking');

  async function saveAgain() {
    // A click of its own, so the picker may open again; without a picker, memory.
    setSaving({ kind: 'picking' });
    await save(await chooseSaveStart(manifest.name));
  }

  const [ended, setEnded] = useState<{ alreadyGone: boolean } | null>(null);
  const destroyed = file.remainingReads === 0;
  const usable = Date.now() < Date.parse(file.downloadExpiresAt);
  const downloading = saving.kind === 'saving' || saving.kind === 'picking';
  return (
    <section className="card" aria-labelledby="revealed-heading">
      <FocusHeading id="revealed-heading" level={1}>
        {t('file.heading')}
      </FocusHeading>
      <dl className="facts">
        <div>
          <dt>{t('file.name')}</dt>
          <dd className="file-name">{manifest.name}</dd>
        </div>
        <div>
          <dt>{t('file.type')}</dt>
          <dd>{manifest.type}</dd>
        </div>
        <div>
          <dt>{t('file.size')}</dt>
          <dd>
            {manifest.size >= 1024
              ? t('file.sizeWithBytes', {
                  count: manifest.size,
                  size: formatBytes(manifest.size),
                  exact: formatNumber(manifest.size),
                })
              : formatBytes(manifest.size)}
          </dd>
        </div>
      </dl>
      {saving.kind === 'saving' ? (
        <TransferProgress
          label={t('file.downloading')}
          progress={progress}
          total={file.download.bodyBytes}
          onCancel={() => cancelRef.current?.abort()}
        />
      ) : null}
      {saving.kind === 'picking' ? <Busy label={t('file.choosing')} /> : null}
      {saving.kind === 'saved' ? (
        <Saved name={manifest.name} blob={saving.blob} />
      ) : saving.kind === 'saving' || saving.kind === 'picking' ? null : (
        <>
          {saving.kind === 'failed' ? (
            <ErrorMessage>{t(`file.failed.${saving.failure}`)}</ErrorMessage>
          ) : null}
          {saving.kind === 'cancelled' ? (
            <Notice tone="warning">{t('file.cancelled')}</Notice>
          ) : null}
          {usable ? (
            <>
              <p className="muted">
                <Trans
                  t={t}
                  i18nKey={saving.kind === 'ask' ? 'file.worksUntilChoose' : 'file.worksUntil'}
                  values={{ time: formatTime(file.downloadExpiresAt) }}
                  components={{ time: <time dateTime={file.downloadExpiresAt} /> }}
                />
              </p>
              <button type="button" className="button primary" onClick={() => void saveAgain()}>
                {saving.kind === 'ask' ? t('file.save') : t('file.retry')}
              </button>
            </>
          ) : destroyed ? (
            <p>{t('file.expiredUsedUp')}</p>
          ) : (
            <p>{t('file.expired', { count: file.remainingReads })}</p>
          )}
        </>
      )}
      {destroyed ? (
        <Notice tone="success">
          <Trans t={t} i18nKey="file.usedUp" components={{ strong: <strong /> }} />
        </Notice>
      ) : ended !== null ? (
        <DestroyedStatus what="file" alreadyGone={ended.alreadyGone} />
      ) : (
        <>
          <Notice tone="info">
            <Trans
              t={t}
              i18nKey="file.notDestroyed"
              count={file.remainingReads}
              values={{ date: formatDate(file.expiresAt) }}
              components={{ strong: <strong />, time: <time dateTime={file.expiresAt} /> }}
            />
          </Notice>
          {/* Offered once the download has stopped: a body still streaming in would be cut off later. */}
          {downloading ? null : (
            <DestroyBox
              access={file.access}
              what="file"
              onDestroyed={({ alreadyGone }) => setEnded({ alreadyGone })}
            />
          )}
        </>
      )}
      <p className="hint">{t('file.checked')}</p>
    </section>
  );
}

/** Saved: to the picked file, or in memory with a download link, clicked once on its own. */
function Saved({ name, blob }: { name: string; blob: Blob | null }) {
  const { t } = useTranslation('reveal');
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
        <Trans
          t={t}
          i18nKey="file.saved"
          values={{ name }}
          components={{ name: <span className="file-name" /> }}
        />
      </Notice>
    );
  }
  return (
    <>
      <Notice tone="success">
        <Trans
          t={t}
          i18nKey="file.downloaded"
          values={{ name }}
          components={{ name: <span className="file-name" /> }}
        />
      </Notice>
      {href ? (
        <a ref={link} className="button secondary" href={href} download={name}>
          {t('file.saveAgain')}
        </a>
      ) : null}
    </>
  );
}
