// A transfer's progress: a real <progress>, bytes, percent and speed, and a way to stop it.
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Progress } from '../../../core/transfer.ts';
import { formatBytes, formatNumber } from '../format.ts';

/** Repaint at most this often: XHR and fetch report far more often than anyone can read. */
const REPAINT_MS = 200;
/** Speed over the last seconds, so it follows changes without jumping at every report. */
const SPEED_WINDOW_MS = 3000;

export interface Shown extends Progress {
  /** Bytes per second over the last few seconds, once there is enough to tell. */
  readonly rate: number | undefined;
}

/** The latest progress, repainted a few times a second, and `report` to feed it. */
export function useTransferProgress(): [Shown | null, (progress: Progress) => void, () => void] {
  const [shown, setShown] = useState<Shown | null>(null);
  const samples = useRef<{ at: number; done: number }[]>([]);
  const lastPaint = useRef(0);
  const report = useCallback((progress: Progress) => {
    const at = performance.now();
    const list = samples.current;
    // A retried part starts over: progress going back makes the old samples meaningless.
    if (list.length > 0 && progress.done < list[list.length - 1]!.done) list.length = 0;
    list.push({ at, done: progress.done });
    while (list.length > 2 && at - list[0]!.at > SPEED_WINDOW_MS) list.shift();
    if (at - lastPaint.current < REPAINT_MS && progress.done < progress.total) return;
    lastPaint.current = at;
    const first = list[0]!;
    const seconds = (at - first.at) / 1000;
    const rate = seconds >= 0.5 ? (progress.done - first.done) / seconds : undefined;
    setShown({ done: progress.done, total: progress.total, rate });
  }, []);
  const reset = useCallback(() => {
    samples.current = [];
    lastPaint.current = 0;
    setShown(null);
  }, []);
  return [shown, report, reset];
}

export function TransferProgress({
  label,
  progress,
  total: expected,
  onCancel,
}: {
  label: string;
  progress: Shown | null;
  /** The size to show before the first report arrives. */
  total: number;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('share');
  const done = progress?.done ?? 0;
  const total = progress?.total ?? expected;
  const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
  const rate = progress?.rate;
  const percentText = t('transfer.percent', { percent: formatNumber(percent) });
  return (
    <div className="transfer">
      <p className="busy-label" id="transfer-label">
        {label}
      </p>
      <progress
        aria-labelledby="transfer-label"
        max={total || 1}
        value={done}
        aria-valuetext={percentText}
      />
      <p className="transfer-figures">
        <span>{t('transfer.figures', { done: formatBytes(done), total: formatBytes(total) })}</span>
        <span>{percentText}</span>
        <span>
          {rate === undefined ? '…' : t('transfer.rate', { rate: formatNumber(rate / 1048576, 1) })}
        </span>
      </p>
      {onCancel ? (
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('transfer.cancel')}
        </button>
      ) : null}
    </div>
  );
}
