// Parses a link given on the command line and checks it is the kind the command needs.
import { parseLink, type LinkKind, type ParsedLink } from '../../web/src/core/links.ts';
import { usage } from './exit.ts';

export function parseLinkArg(text: string, kind: LinkKind): ParsedLink {
  let link: ParsedLink;
  try {
    link = parseLink(text);
  } catch (error) {
    throw usage((error as Error).message);
  }
  if (link.kind !== kind) {
    throw usage(
      kind === 'secret'
        ? 'That is a manage link; `get` needs the secret link (/s/...).'
        : 'That is a secret link; this command needs the manage link (/m/...).',
    );
  }
  return link;
}
