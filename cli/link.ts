// Parses a link given to a command and checks it is the kind the command needs. A link is a key:
// besides argv (seen by `ps` and kept in shell history) it can come from stdin (`-`) or the
// environment.
import { parseLink, type LinkKind, type ParsedLink } from '../core/links.ts';
import { usage } from './exit.ts';
import type { Io } from './io.ts';

/** Where a command looks for its link when none is given. */
export const LINK_VARIABLE: Record<LinkKind, string> = {
  secret: 'SECRETSENTRY_LINK',
  manage: 'SECRETSENTRY_MANAGE_LINK',
  fill: 'SECRETSENTRY_FILL_LINK',
};

/** What each kind of link is for, and what a command needs: said when the wrong one is given. */
const LINK_IS: Record<LinkKind, string> = {
  secret: 'a secret link (/s/...), which `get` reads',
  manage: 'a manage link (/m/...), for `receipt` and `revoke`',
  fill: 'a fill link (/f/...), which `fill` fills with a secret',
};
const LINK_NEEDED: Record<LinkKind, string> = {
  secret: "the secret link, or a request's retrieve link (/s/...)",
  manage: 'the manage link (/m/...)',
  fill: 'the fill link of a request (/f/...)',
};

/** Longer than any link; a stdin that goes on is not a link. */
const MAX_LINK_CHARS = 4096;

/** Where `get` and `check` look for the key of a link shared with `--key-separately`. */
export const KEY_VARIABLE = 'SECRETSENTRY_KEY';

export function parseLinkArg(text: string, kind: LinkKind, keyless = false): ParsedLink {
  let link: ParsedLink;
  try {
    link = parseLink(text, { keyless });
  } catch (error) {
    throw usage((error as Error).message);
  }
  if (link.kind !== kind) {
    throw usage(`That is ${LINK_IS[link.kind]}; this command needs ${LINK_NEEDED[kind]}.`);
  }
  return link;
}

/** The link from the argument, `-` for the first line of stdin, or else the environment. */
export async function readLinkArg(
  arg: string | undefined,
  kind: LinkKind,
  io: Io,
): Promise<ParsedLink> {
  const variable = LINK_VARIABLE[kind];
  const text = arg === '-' ? await readLinkFromStdin(io) : (arg ?? (io.env[variable] || undefined));
  if (text === undefined) {
    throw usage(`Give the link: as an argument, as - to read it from stdin, or in $${variable}.`);
  }
  // A secret link may come without its key, which was sent apart (share --key-separately).
  const link = parseLinkArg(text, kind, kind === 'secret');
  if (link.credential !== '') return link;
  return { ...link, credential: await readSeparateKey(io) };
}

/** The key sent apart from its link: from the environment, else asked on the terminal. */
async function readSeparateKey(io: Io): Promise<string> {
  const fromEnv = io.env[KEY_VARIABLE]?.trim();
  if (fromEnv) return fromEnv.replace(/^#/, '');
  const typed = await io.prompt('Key (the part sent apart from the link): ');
  if (typed === undefined) {
    throw usage(
      `This link has no key (the part after #, sent apart): give it in $${KEY_VARIABLE}, or run on a terminal to be asked.`,
    );
  }
  if (typed.trim() === '') throw usage('The key is empty.');
  return typed.trim().replace(/^#/, '');
}

async function readLinkFromStdin(io: Io): Promise<string> {
  if (io.stdin.isTTY) throw usage('`-` reads the link from stdin: pipe it in.');
  let text = '';
  for await (const chunk of io.stdin) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text.length > MAX_LINK_CHARS) throw usage('What came on stdin is too long for a link.');
  }
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '');
  if (line === undefined) throw usage('No link came on stdin.');
  return line.trim();
}
