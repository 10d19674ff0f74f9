// Preloaded with `node --import` by test/cli/files.test.ts: writes the process's peak resident set
// (KiB, from getrusage) to $PEAK_RSS_FILE when it exits, however it exits.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.PEAK_RSS_FILE) {
    writeFileSync(process.env.PEAK_RSS_FILE, String(process.resourceUsage().maxRSS));
  }
});
