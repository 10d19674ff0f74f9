// The `secretsentry` command line: parses arguments with commander, runs one command, maps every
// outcome to an exit code and at most one line on stderr.
import { Command, CommanderError, Option } from 'commander';
import { share } from './commands/share.ts';
import { get } from './commands/get.ts';
import { check } from './commands/check.ts';
import { completionScript, SHELLS } from './completion.ts';
import { receipt, revoke } from './commands/manage.ts';
import { fill, request } from './commands/request.ts';
import type { DoctorClients } from './doctor/checks.ts';
import { CliError, EXIT, exitName, oneLine, type ExitCode } from './exit.ts';
import { forTerminal } from './terminal.ts';
import { write, type Io } from './io.ts';

export const VERSION = '0.1.0';

export interface RunOptions {
  /** Replaces the AWS clients of `doctor` (tests). */
  readonly doctorClients?: DoctorClients;
}

const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  a doctor check failed, a secret read but not written (it is lost), or an unexpected error
  2  usage error (bad option, no input, bad link)
  3  not found or gone: unknown, already read, revoked or expired
  4  unauthorized: wrong or missing passphrase (the message says how many tries are left)
  5  network or service failure (nothing was consumed)
  6  locked: that wrong passphrase was the fifth in a row and destroyed the secret
  7  not open yet: the sender set a later opening time (nothing was read)
  8  not filled yet: nobody has filled this request (nothing was read)
  9  already filled: the request holds a secret already (this one was not stored)

Environment:
  SECRETSENTRY_API_URL      API base URL (instead of --api; a link's own server wins)
  SECRETSENTRY_PAGE_URL     page URL for the links \`share\` and \`request\` print (instead of --page-url)
  SECRETSENTRY_PASSPHRASE   passphrase (instead of --passphrase-file or the prompt)
  SECRETSENTRY_LINK         secret or retrieve link for \`get\` and \`check\` when none is given
  SECRETSENTRY_MANAGE_LINK  manage link for \`receipt\` and \`revoke\` when none is given
  SECRETSENTRY_FILL_LINK    fill link for \`fill\` when none is given
  HTTPS_PROXY, NO_PROXY     proxy to reach the API through, and hosts to reach directly

Links are keys: an argument shows in \`ps\` and shell history. Give - to read the link from
stdin, or put it in the environment variable above.`;

function apiOptions(command: Command): Command {
  return command
    .option(
      '--api <url>',
      'API base URL (default: $SECRETSENTRY_API_URL, else asked from the page)',
    )
    .option('--debug', "on failure, also print the error's causes (never secret material)")
    .addHelpText('after', EXIT_CODES_HELP);
}

export async function run(
  argv: readonly string[],
  io: Io,
  runOptions: RunOptions = {},
): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT.ok;
  const program = new Command('secretsentry')
    .description(
      'Share secrets as one-time links, end-to-end encrypted. Secrets are read from stdin or a file, never from arguments.',
    )
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      // Commander quotes what was typed (an unknown option): escaped like every other error.
      writeErr: (text) => void io.stderr.write(forTerminal(text)),
    })
    .addHelpText('after', EXIT_CODES_HELP);

  apiOptions(
    program
      .command('share')
      .description('encrypt a secret from stdin or --file and print a one-time link')
      .option(
        '-f, --file <path>',
        'share this file (any bytes, up to 1 GiB, streamed; "-" reads a text secret from stdin)',
      )
      .option('-r, --reads <n>', 'how many times the link can be read (1-100)', '1')
      .option('-t, --ttl <duration>', 'lifetime: seconds or 90m, 1h, 3d (1 minute to 3 days)', '3d')
      .option(
        '--webhook <url>',
        'post signed events (read, burned, revoked, destroyed, locked) to this https URL; prints its signing secret last',
      )
      .option(
        '--not-before <when>',
        'opens only then: a wait (30m, 2h) or a date and time (2026-12-02T09:00Z, "2026-12-02 09:00" local), before the expiry',
      )
      .option('--passphrase', 'protect with a passphrase asked on the terminal')
      .option(
        '--passphrase-file <path>',
        'protect with the passphrase on the first line of this file',
      )
      .option(
        '--recipients <n>',
        'several recipients (1-20): one link each, a line each, each with its own --reads',
      )
      .option(
        '--to <label>',
        'one link for this recipient, labelled for you alone (repeat, up to 20; at most 100 characters)',
        (label: string, previous: string[] | undefined) => [...(previous ?? []), label],
      )
      .option('--manage', 'also print the manage link (receipt and revoke)')
      .option(
        '--generate [length]',
        'share a new random password (default 24 characters) and print it once, last',
      )
      .option(
        '--key-separately',
        'print the link without its key, and the key on the next line, to send apart',
      )
      .option(
        '--json',
        'print {link, key?, manageLink?, secret?, id, expiresAt, notBefore?, webhookSecret?, maxReads, passphrase} as JSON; with --recipients or --to, an array of them, each with its number (from 1, what revoke --recipient takes), the API index (from 0) and its label',
      )
      .option(
        '--page-url <url>',
        'page origin for the links (default: $SECRETSENTRY_PAGE_URL, else the API URL without /api)',
      ),
  )
    .addHelpText(
      'after',
      `
Examples:
  echo "s3cr3t" | secretsentry share --api http://127.0.0.1:8080/api
  secretsentry share --file backup.tar.gz --reads 2 --ttl 1h --manage
  generate-password | secretsentry share --passphrase-file pass.txt --json
  secretsentry share --generate 32 --json        # a new password, shared and shown once
  secretsentry share --key-separately < token    # link and key on two lines, to send apart
  secretsentry share --not-before 2h < notes     # the link opens in two hours, not before
  secretsentry share --webhook https://hooks.example.com/ss --json < token   # told of each read
  secretsentry share --to "Ops on-call" --to "DBA" --manage < deploy-key   # a link each
  secretsentry share --recipients 3 --reads 2 --json < token   # three links, two reads each

Piped text loses one trailing newline (as echo adds one); piped binary (not UTF-8, or with
NUL bytes) keeps exact bytes. --file shares a file (up to 1 GiB): it is encrypted as it is
read and uploaded straight to the vault, and the recipient gets it back under its name, byte
for byte, with progress shown on a terminal. On a terminal with nothing piped, the secret is asked
for with echo off.

--recipients N or --to LABEL (once per recipient) gives each recipient a link of its own, with
its own reads: one cannot read or use up another's, and \`revoke --recipient N\` ends one alone.
Links are numbered from 0, in order, as receipt and --json show them. Labels are encrypted with a
key that only the manage link holds.`,
    )
    .action(async (opts) => share(opts, io));

  apiOptions(
    program
      .command('get')
      .description('reveal a secret (uses one read) and write it to stdout or --out')
      .argument(
        '[link]',
        "the secret link, https://.../s/<id>#<key>, or a request's retrieve link; - reads it from stdin (default: $SECRETSENTRY_LINK)",
      )
      .option(
        '-o, --out <file>',
        'write the secret or file here (mode 0600, written whole or not at all; never through a symlink); - is stdout',
      )
      .option(
        '--force',
        'replace an existing --out file; send a binary secret to a terminal anyway',
      )
      .option('--passphrase-file <path>', 'passphrase on the first line of this file')
      .option(
        '--destroy-after',
        'once written, destroy the secret even if reads are left, so nobody else can open the link',
      ),
  )
    .addHelpText(
      'after',
      `
Examples:
  printf '%s' "$LINK" | secretsentry get - > secret.txt
  secretsentry get "$LINK" --out ./token --destroy-after   # the link dies once the token is saved
  SECRETSENTRY_LINK="$LINK" secretsentry get --out ./token --passphrase-file pass.txt
  secretsentry get "$FILE_LINK" --out backup.tar.gz   # a file link; --force to replace
  secretsentry get "$RETRIEVE_LINK"    # a request's secret, once filled (exits 8 until then)

A file link with no --out goes to stdout when that is a pipe or a file; on a terminal the file
is saved in the current folder under its own name (never over another file).`,
    )
    .action(async (link: string | undefined, opts) => get(link, opts, io));

  apiOptions(
    program
      .command('check')
      .description('tell whether a secret link still works, without using a read')
      .argument('[link]', 'the secret link; - reads it from stdin (default: $SECRETSENTRY_LINK)')
      .option(
        '--json',
        'print {readable, kind, filled?, remainingReads, expiresAt, notBefore?, passphrase} as JSON',
      ),
  )
    .addHelpText(
      'after',
      `\nExits 0 while the link can be read (a request's retrieve link also before it is filled: it\nsays so), 3 once it is gone.\n\nExample:\n  printf '%s' "$LINK" | secretsentry check -`,
    )
    .action(async (link: string | undefined, opts) => check(link, opts, io));

  apiOptions(
    program
      .command('receipt')
      .description('show whether and when a shared secret was read')
      .argument(
        '[manage-link]',
        'the manage link, https://.../m/<id>#<token>; - reads it from stdin (default: $SECRETSENTRY_MANAGE_LINK)',
      )
      .option(
        '--json',
        'print the receipt as JSON (with recipients[]: each link, its label decrypted)',
      ),
  )
    .addHelpText(
      'after',
      `\nA secret shared with --recipients or --to lists each link after the totals: its number\n(from 1), its label, its state, reads, wrong passphrases and read times.\n\nExample:\n  printf '%s' "$MANAGE_LINK" | secretsentry receipt - --json`,
    )
    .action(async (link: string | undefined, opts) => receipt(link, opts, io));

  apiOptions(
    program
      .command('revoke')
      .description('destroy a shared secret now, whatever reads it has left')
      .argument(
        '[manage-link]',
        'the manage link, https://.../m/<id>#<token>; - reads it from stdin (default: $SECRETSENTRY_MANAGE_LINK)',
      )
      .option(
        '--recipient <n>',
        'end only this link (its number from 0, as receipt shows it); the other links keep working',
      )
      .option('--to <label>', 'end only the link with this label (as given to share --to)'),
  )
    .addHelpText(
      'after',
      `
Examples:
  SECRETSENTRY_MANAGE_LINK="$MANAGE_LINK" secretsentry revoke
  SECRETSENTRY_MANAGE_LINK="$MANAGE_LINK" secretsentry revoke --recipient 2
  SECRETSENTRY_MANAGE_LINK="$MANAGE_LINK" secretsentry revoke --to "Ops on-call"`,
    )
    .action(async (link: string | undefined, opts) => revoke(link, opts, io));

  apiOptions(
    program
      .command('request')
      .description(
        'ask someone for a secret: print a fill link to send them and a retrieve link to keep',
      )
      .option('-t, --ttl <duration>', 'lifetime: seconds or 90m, 1h, 3d (1 minute to 3 days)', '3d')
      .option('--manage', 'also print the manage link (receipt, and revoke to withdraw it)')
      .option('--json', 'print {fillLink, retrieveLink, manageLink?, id, expiresAt} as JSON')
      .option(
        '--page-url <url>',
        'page origin for the links (default: $SECRETSENTRY_PAGE_URL, else the API URL without /api)',
      ),
  )
    .addHelpText(
      'after',
      `
Examples:
  secretsentry request --ttl 1d --manage   # ask a colleague for the database password
  secretsentry request --json | jq -r .fillLink

stdout holds the links alone, one a line: the fill link first (send it to whoever holds the
secret: it fills the request once, encrypted to a key only the retrieve link holds), then the
retrieve link (keep it: \`secretsentry get\` reads the secret with it, once, after the fill), then
the manage link with --manage. On a terminal, stderr says which is which.`,
    )
    .action(async (opts) => request(opts, io));

  apiOptions(
    program
      .command('fill')
      .description('fill a secret request with a secret from stdin or --file, once')
      .argument(
        '[fill-link]',
        'the fill link, https://.../f/<id>#<key>; - reads it from stdin (default: $SECRETSENTRY_FILL_LINK)',
      )
      .option(
        '-f, --file <path>',
        'the secret is this file (at most 700 KiB, exact bytes); "-" reads stdin whole',
      )
      .option('--json', 'print {id, expiresAt} as JSON'),
  )
    .addHelpText(
      'after',
      `
Examples:
  secretsentry fill "$FILL_LINK"                  # on a terminal: asks for the secret, input hidden
  pass show db/prod | secretsentry fill "$FILL_LINK"
  printf '%s' "$FILL_LINK" | secretsentry fill - --file ./token

The secret is encrypted here to the key in the fill link: only the retrieve link the requester
kept opens it. Piped text loses one trailing newline, as with share. A request is filled once:
another fill exits 9.`,
    )
    .action(async (link: string | undefined, opts) => fill(link, opts, io));

  program
    .command('doctor')
    .description(
      'check a deployed stage (needs AWS credentials) and run a canary secret through it',
    )
    .addOption(
      new Option(
        '--stage <name>',
        'stage to check: stack SecretSentry-<name>',
      ).makeOptionMandatory(),
    )
    .option('--region <region>', 'AWS region (default: the SDK default chain, e.g. $AWS_REGION)')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      `
Checks: stack outputs, KMS key enabled and rotating, vault versioning and SSE-KMS,
table TTL and point-in-time recovery, WAF web ACL on the API stage, and a canary
secret created, read once and confirmed gone. Exits 1 when any check fails.

Example:
  AWS_REGION=eu-west-1 secretsentry doctor --stage staging`,
    )
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (opts) => {
      // Loaded only here: the AWS SDK clients would slow every other command's start.
      const { doctor } = await import('./doctor/command.ts');
      exitCode = await doctor(opts, io, runOptions.doctorClients);
    });

  program
    .command('completion')
    .description('print a tab-completion script for your shell')
    .argument('<shell>', SHELLS.join(', '))
    .addHelpText(
      'after',
      `
Examples:
  source <(secretsentry completion bash)        # in ~/.bashrc
  source <(secretsentry completion zsh)         # in ~/.zshrc
  secretsentry completion fish | source         # in ~/.config/fish/config.fish`,
    )
    .action(async (shell: string) => write(io.stdout, completionScript(shell, program)));

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version "errors" are successes; every other commander error is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const cliError =
      error instanceof CliError
        ? error
        : new CliError(
            EXIT.failed,
            `Unexpected error: ${oneLine(error instanceof Error ? error.message : String(error))}`,
          );
    // Under --json a script reads the failure as JSON too; it stays on stderr, so stdout stays clean.
    const line = argv.includes('--json')
      ? JSON.stringify({
          error: {
            code: exitName(cliError.exitCode),
            exitCode: cliError.exitCode,
            message: forTerminal(oneLine(cliError.message)),
          },
        })
      : `secretsentry: ${forTerminal(oneLine(cliError.message))}`;
    await write(io.stderr, `${line}\n`);
    if (argv.includes('--debug')) await write(io.stderr, causeChain(error));
    return cliError.exitCode;
  }
}

/**
 * `--debug`: each cause behind a failure, one line each (kind, code, message). Messages here come
 * from Node and the network stack, which never see a key, token or secret: those live in fragments
 * and bodies that are not part of any error.
 */
function causeChain(error: unknown): string {
  const lines: string[] = [];
  let cause: unknown = error instanceof Error ? error.cause : undefined;
  for (let depth = 0; cause !== undefined && depth < 8; depth++) {
    const e = cause as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown };
    const parts = [e.name, e.code, e.message].filter((p) => typeof p === 'string' && p !== '');
    lines.push(`  caused by: ${forTerminal(oneLine(parts.join(': ')))}\n`);
    cause = e.cause;
  }
  return lines.join('') || '  (no further cause)\n';
}
