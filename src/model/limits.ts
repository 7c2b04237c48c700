import type { Root } from 'mdast';
import { ReadError } from '../readers/errors.js';

/** A file size as people read it: "486 KB", "12.3 MB". */
export function formatSize(bytes: number): string {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Deeper nesting than this (lists in lists, quotes in quotes) is refused: no report needs it. */
export const MAX_NESTING = 100;

/** Throw a ReadError when a tree nests deeper than MAX_NESTING (checked without recursion). */
export function assertNesting(tree: Root): void {
  const stack: { node: { children?: unknown[] }; depth: number }[] = [{ node: tree, depth: 0 }];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (depth > MAX_NESTING) throw new ReadError(`nested more than ${MAX_NESTING} levels deep (lists, quotes or tables inside each other)`);
    for (const child of node.children ?? []) {
      if (child && typeof child === 'object' && 'children' in child) stack.push({ node: child as { children?: unknown[] }, depth: depth + 1 });
    }
  }
}
