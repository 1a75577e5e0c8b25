/**
 * The detail tree with the packet's comments as the user edited them (Edit ▸ Packet Comments): its "Packet comments"
 * row is the edited list's, or goes when the user deleted them all. A packet whose comments were not edited shows the
 * file's, as the worker read them.
 */
import type { DetailNode } from '../../shared/ipc/contract';
import { commentsNode } from '../../shared/wire/frame-node';

export function withEditedComments(tree: DetailNode[], edited: readonly string[] | undefined): DetailNode[] {
  if (edited === undefined) return tree;
  const rest = tree.filter((n) => !(n.label === 'Packet comments' && n.length === 0));
  const node = commentsNode([...edited]);
  return node ? [node, ...rest] : rest;
}
