// The local stand-in for the reaper's SQS delay queue: each deletion a read schedules is written to a
// small JSON file in DATA_DIR (atomically: a temporary file renamed into place) before the read is
// answered, and carried out by an unref'd timer when due. At start-up every deletion that came due while
// the stack was down is carried out at once, and the rest get their timers back, so a restart loses none.
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DeletionQueue, ScheduledDeletion } from '../lambdas/common/deletions.ts';
import { parseDeletion, formatDeletion } from '../lambdas/common/deletions.ts';
import type { Vault } from '../lambdas/common/vault.ts';
import { reapBody } from '../lambdas/reaper/reap.ts';

export const REAPER_FILE = 'reaper.json';

/** How soon a deletion that failed (the emulator busy or restarting) is tried again. */
const RETRY_MS = 30_000;

export interface LocalReaperOptions {
  /** The file the due deletions are kept in. */
  readonly file: string;
  readonly vault: Pick<Vault, 'delete'>;
  /** How long after scheduling a deletion is due. */
  readonly delaySeconds: number;
  readonly now: () => Date;
  readonly log: { info(line: string): void; warn(line: string): void };
}

interface Due {
  readonly deletion: ScheduledDeletion;
  /** Epoch milliseconds. */
  readonly dueAt: number;
}

/** What the file holds: `[{"deletion": "<message>", "dueAt": <ms>}]`, the message as SQS carries it. */
type Stored = { deletion: string; dueAt: number }[];

const sameTarget = (a: ScheduledDeletion, b: ScheduledDeletion) =>
  a.key === b.key && a.versionId === b.versionId;

export class LocalReaper implements DeletionQueue {
  readonly #options: LocalReaperOptions;
  #due: Due[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #running = new Set<Promise<void>>();
  /** Writes happen one after another, each of the list as it is then. */
  #writing: Promise<void> = Promise.resolve();
  #stopped = false;

  private constructor(options: LocalReaperOptions) {
    this.#options = options;
  }

  /**
   * Reads the file, carries out what is due (waiting for it, so nothing due is served as present),
   * and sets timers for the rest. A file that cannot be read is logged and started afresh: the sweep
   * removes what it held once the bodies' delay is over (lambdas/common/lifecycle.ts).
   */
  static async start(options: LocalReaperOptions): Promise<LocalReaper> {
    const reaper = new LocalReaper(options);
    reaper.#due = await readDue(options);
    const now = options.now().getTime();
    const due = reaper.#due.filter((d) => d.dueAt <= now);
    await Promise.all(due.map((d) => reaper.#reap(d)));
    const failed = due.filter((d) => reaper.#due.includes(d)).length;
    if (due.length > 0)
      options.log.info(
        `reaper: deleted ${due.length - failed} read file bodies that came due while stopped` +
          (failed > 0 ? `, ${failed} to try again` : ''),
      );
    for (const d of reaper.#due) if (!due.includes(d)) reaper.#arm(d);
    return reaper;
  }

  async schedule(deletion: ScheduledDeletion): Promise<void> {
    if (this.#stopped) throw new Error('the local reaper is stopped');
    const entry: Due = {
      deletion,
      dueAt: this.#options.now().getTime() + this.#options.delaySeconds * 1000,
    };
    // The same version twice (a retried read): the later time wins, one timer deletes it.
    this.#due = [...this.#due.filter((d) => !sameTarget(d.deletion, deletion)), entry];
    await this.#persist();
    this.#arm(entry);
  }

  /** Cancels the timers and waits for the deletions and writes in flight; the file keeps the rest. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await Promise.allSettled([...this.#running]);
    await this.#writing;
  }

  #arm(entry: Due, delayMs = entry.dueAt - this.#options.now().getTime()): void {
    if (this.#stopped) return;
    const timer = setTimeout(
      () => {
        this.#timers.delete(timer);
        const run = this.#reap(entry).finally(() => this.#running.delete(run));
        this.#running.add(run);
      },
      Math.max(0, delayMs),
    );
    timer.unref();
    this.#timers.add(timer);
  }

  /** Deletes the version; done, it leaves the file, failed, it is tried again later. Never throws. */
  async #reap(entry: Due): Promise<void> {
    try {
      await reapBody(this.#options, entry.deletion);
    } catch (error) {
      const name = error instanceof Error ? error.name : typeof error;
      this.#options.log.warn(
        `reaper: a read file body could not be deleted (${name}); trying again`,
      );
      this.#arm(entry, RETRY_MS);
      return;
    }
    // Only this entry: a later schedule of the same version keeps its own.
    this.#due = this.#due.filter((d) => d !== entry);
    await this.#persist().catch((error: unknown) => {
      const name = error instanceof Error ? error.name : typeof error;
      this.#options.log.warn(`reaper: could not write ${REAPER_FILE} (${name})`);
    });
  }

  #persist(): Promise<void> {
    const stored: Stored = this.#due.map((d) => ({
      deletion: formatDeletion(d.deletion),
      dueAt: d.dueAt,
    }));
    const write = this.#writing.then(() => writeAtomically(this.#options.file, stored));
    // The chain goes on after a failed write; the caller still sees the failure.
    this.#writing = write.catch(() => undefined);
    return write;
  }
}

/** The due deletions in the file; none when there is no file yet. */
async function readDue(options: LocalReaperOptions): Promise<Due[]> {
  let text: string;
  try {
    text = await readFile(options.file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  try {
    const stored = JSON.parse(text) as unknown;
    if (!Array.isArray(stored)) throw new TypeError('not a list');
    return stored.flatMap((value: unknown) => {
      const { deletion, dueAt } = (value ?? {}) as { deletion?: unknown; dueAt?: unknown };
      const parsed = typeof deletion === 'string' ? parseDeletion(deletion) : undefined;
      return parsed && typeof dueAt === 'number' && Number.isFinite(dueAt)
        ? [{ deletion: parsed, dueAt }]
        : [];
    });
  } catch {
    options.log.warn(`reaper: ${REAPER_FILE} is not a list of deletions; starting without it`);
    return [];
  }
}

async function writeAtomically(file: string, stored: Stored): Promise<void> {
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.tmp-${randomBytes(8).toString('hex')}`,
  );
  try {
    await writeFile(temporary, JSON.stringify(stored), { flag: 'wx' });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
