// Progress of an upload or download on stderr, for a person at a terminal only: nothing when stderr
// is a pipe or a file, or when the command answers in JSON.
import type { Progress } from '../core/transfer.ts';
import type { Io } from './io.ts';

const MiB = 1024 * 1024;
/** Redraws at most this often: a terminal needs no more, and a fast link would flood it. */
const REDRAW_MS = 200;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MiB) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 * MiB) return `${(bytes / MiB).toFixed(1)} MiB`;
  return `${(bytes / 1024 / MiB).toFixed(2)} GiB`;
}

export interface ProgressLine {
  readonly update: (progress: Progress) => void;
  /** Clears the line; call once, whatever happened. */
  readonly done: () => void;
}

export function progressLine(io: Io, verb: string, quiet = false): ProgressLine {
  if (quiet || !io.stderr.isTTY) return { update: () => undefined, done: () => undefined };
  const started = Date.now();
  let drawn = 0;
  let shown = false;
  return {
    update({ done, total }) {
      const now = Date.now();
      if (now - drawn < REDRAW_MS && done < total) return;
      drawn = now;
      const seconds = (now - started) / 1000;
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
      const speed = seconds > 0.2 ? `, ${(done / MiB / seconds).toFixed(1)} MiB/s` : '';
      io.stderr.write(
        `\r\x1b[K${verb} ${formatBytes(done)} of ${formatBytes(total)} (${percent}%${speed})`,
      );
      shown = true;
    },
    done() {
      if (shown) io.stderr.write('\r\x1b[K');
      shown = false;
    },
  };
}
