// Small building blocks shared by the pages: copy-to-clipboard, progress, messages, focusable headings.
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { CLEAR_AFTER_SECONDS, copyThenClear, type ClearOutcome } from '../clipboard.ts';

/** A heading that takes focus when it appears, so keyboard and screen-reader users land on what changed. */
export function FocusHeading({
  children,
  level = 2,
  id,
}: {
  children: ReactNode;
  level?: 1 | 2;
  id?: string;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const Tag = level === 1 ? 'h1' : 'h2';
  return (
    <Tag ref={ref} tabIndex={-1} id={id} className="focus-heading">
      {children}
    </Tag>
  );
}

/** What the copy button last did; `replaced`: another copy button now says what the clipboard holds. */
type CopyStatus = 'copied' | 'selectHint' | ClearOutcome | null;

/** Copies a secret, a link or a key, and takes it off the clipboard again (`copyThenClear`). */
export function CopyButton({
  text,
  label,
  source,
}: {
  text: string;
  label: string;
  source: RefObject<HTMLInputElement | HTMLTextAreaElement | null>;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<CopyStatus>(null);
  // Only the hint fades; what became of the clipboard stays said.
  useEffect(() => {
    if (status !== 'selectHint') return;
    const timer = window.setTimeout(() => setStatus(null), 4000);
    return () => window.clearTimeout(timer);
  }, [status]);
  const said =
    status === 'copied'
      ? t('copy.copied', { seconds: CLEAR_AFTER_SECONDS })
      : status === 'selectHint' || status === 'cleared' || status === 'changed'
        ? t(`copy.${status}`)
        : '';
  return (
    <>
      <button
        type="button"
        className="button secondary"
        onClick={async () => {
          const copied = await copyThenClear(text, setStatus);
          if (copied) {
            setStatus('copied');
            return;
          }
          // Clipboard API refused (permissions, older browser): select the field so Ctrl+C works.
          source.current?.focus();
          source.current?.select();
          setStatus('selectHint');
        }}
      >
        <CopyIcon />
        {label}
      </button>
      <span className="copy-status" role="status">
        {said}
      </span>
    </>
  );
}

export function Busy({ label, detail }: { label: string; detail?: string }) {
  return (
    <div className="busy" role="status" aria-live="polite">
      <progress aria-label={label} />
      <div>
        <p className="busy-label">{label}</p>
        {detail ? <p className="muted">{detail}</p> : null}
      </div>
    </div>
  );
}

/** An error, announced as it appears; `id` lets the field it is about point at it (aria-describedby). */
export function ErrorMessage({ children, id }: { children: ReactNode; id?: string }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <div className="alert error" role="alert" id={id}>
      <AlertIcon />
      <div>{children}</div>
    </div>
  );
}

export function Notice({
  tone = 'info',
  children,
}: {
  tone?: 'info' | 'success' | 'warning';
  children: ReactNode;
}) {
  return (
    <div className={`alert ${tone}`}>
      <div>{children}</div>
    </div>
  );
}

/** What an action did, announced and focused: the control that led to it is gone from the page. */
export function FocusedStatus({ children }: { children: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div role="status" ref={ref} tabIndex={-1} className="focus-target">
      <Notice tone="success">{children}</Notice>
    </div>
  );
}

function CopyIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="icon">
      <rect x="9" y="9" width="11" height="11" rx="2" />
      <path d="M5 15V6a2 2 0 0 1 2-2h9" />
    </svg>
  );
}

function AlertIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="icon">
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v6M12 16.5v.5" />
    </svg>
  );
}

export function ShieldLogo() {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" className="logo">
      <rect width="32" height="32" rx="7" className="logo-bg" />
      <path d="M16 6l8 3v6c0 5-3.4 9-8 11-4.6-2-8-6-8-11V9z" className="logo-shield" />
      <rect x="13" y="14" width="6" height="6" rx="1" className="logo-lock" />
      <path d="M14 14v-2a2 2 0 014 0v2" className="logo-shackle" />
    </svg>
  );
}
