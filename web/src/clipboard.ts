// What the page puts on the clipboard (a secret, a link, a key) and takes off it again after a while
// (docs/design.md §4). One clipboard, so one pending clear: a newer copy replaces an older one's.

/**
 * How long a copied secret or link stays on the clipboard: time to switch to another app and paste,
 * not so long that it sits there for whatever is pasted next. Tests move the page's clock instead
 * of changing it (Playwright's `page.clock`).
 */
export const CLEAR_AFTER_SECONDS = 60;

/**
 * How a copy ended: `cleared` (the clipboard is empty now), `changed` (it held something else by
 * then, left as is), `replaced` (another copy from this page took over).
 */
export type ClearOutcome = 'cleared' | 'changed' | 'replaced';

interface Pending {
  readonly text: string;
  /** When the clear is due (`Date.now()` time). */
  readonly due: number;
  readonly report: (outcome: ClearOutcome) => void;
}

let pending: Pending | null = null;

/**
 * Writes `text` to the clipboard and clears it `CLEAR_AFTER_SECONDS` later, telling `report` how that
 * ended. Returns false, and schedules nothing, when the browser refuses the write.
 */
export async function copyThenClear(
  text: string,
  report: (outcome: ClearOutcome) => void,
): Promise<boolean> {
  // Nothing pending during the write, so an earlier clear under way stops short of its own write.
  const previous = pending;
  pending = null;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // The earlier text is still on the clipboard: its clear stands.
    if (pending === null && previous !== null) {
      pending = previous;
      if (Date.now() >= previous.due) void clear(previous);
    }
    return false;
  }
  // `pending` too: a copy that finished while this one was writing.
  for (const replaced of new Set([previous, pending])) replaced?.report('replaced');
  const delay = CLEAR_AFTER_SECONDS * 1000;
  const entry: Pending = { text, due: Date.now() + delay, report };
  pending = entry;
  window.setTimeout(() => void clear(entry), delay);
  return true;
}

function settle(entry: Pending, outcome: ClearOutcome): void {
  if (entry !== pending) return;
  pending = null;
  entry.report(outcome);
}

async function clear(entry: Pending): Promise<void> {
  if (entry !== pending) return;
  // Browsers refuse clipboard writes from a page without focus: wait for it to come back.
  if (!document.hasFocus()) return retryOnNextChance(entry);
  const held = await readBack();
  if (entry !== pending) return;
  if (held !== undefined && held !== entry.text && held !== '') return settle(entry, 'changed');
  if (held !== '') {
    try {
      await navigator.clipboard.writeText('');
    } catch {
      // Focus lost meanwhile, or (Firefox, Safari) no user activation: try again on the next one.
      return retryOnNextChance(entry);
    }
  }
  settle(entry, 'cleared');
}

/**
 * The clipboard's text, when the page may read it without asking; undefined otherwise. A read the
 * person did not ask for must not raise a permission prompt (Chromium) or a paste button (Firefox,
 * Safari) a minute after the copy, so the page reads only with the permission already granted.
 * Unread, the clipboard is cleared whatever it holds: that may drop something copied elsewhere
 * since, which is better than leaving a secret there.
 */
async function readBack(): Promise<string | undefined> {
  try {
    const permission = await navigator.permissions.query({
      name: 'clipboard-read' as PermissionName,
    });
    if (permission.state !== 'granted') return undefined;
    return await navigator.clipboard.readText();
  } catch {
    return undefined;
  }
}

/** Focus back on the page, or a key or pointer press in it (a user activation): whichever comes first. */
function retryOnNextChance(entry: Pending): void {
  const events = ['focus', 'pointerdown', 'keydown'] as const;
  const retry = () => {
    for (const name of events) window.removeEventListener(name, retry, true);
    void clear(entry);
  };
  for (const name of events) window.addEventListener(name, retry, true);
}
