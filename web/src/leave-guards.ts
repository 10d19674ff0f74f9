// Two guards the pages share: the browser asks before a page that holds something only it has is
// left, and a file dropped beside a form does not make the browser open it in place of the page.
import { useEffect } from 'react';

/** While `holding`, leaving the page (back, reload, closing the tab) asks first. */
export function useHoldPage(holding = true): void {
  useEffect(() => {
    if (!holding) return;
    const hold = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', hold);
    return () => window.removeEventListener('beforeunload', hold);
  }, [holding]);
}

/** A file dropped anywhere but a drop target is refused, not opened by the browser. */
export function useRefuseStrayDrops(): void {
  useEffect(() => {
    const refuse = (event: globalThis.DragEvent) => {
      if (!event.dataTransfer?.types.includes('Files')) return;
      event.preventDefault();
      if (event.type === 'dragover') event.dataTransfer.dropEffect = 'none';
    };
    window.addEventListener('dragover', refuse);
    window.addEventListener('drop', refuse);
    return () => {
      window.removeEventListener('dragover', refuse);
      window.removeEventListener('drop', refuse);
    };
  }, []);
}
