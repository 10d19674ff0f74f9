// How a recipient's label is shown beside its link's number: the sender chose it, so it is text from
// outside this program, made one visible line before it reaches a terminal.
import { oneLine } from './exit.ts';
import { forTerminal } from './terminal.ts';

/** The label as one line of visible text. */
export const labelText = (label: string): string => forTerminal(oneLine(label));

/** ` (Ops on-call)` after a link's number, or nothing for a link without a (readable) label. */
export function labelled(label: string | undefined): string {
  return label === undefined || label === '' ? '' : ` (${labelText(label)})`;
}
