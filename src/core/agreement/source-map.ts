import { isCollection, isNode, isPair, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { DocPath } from './agreement-error.js';

/** Line and column (1-based) of a place in the agreement text. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** Maps a document path to where it is written. */
export type Locate = (path: DocPath) => SourcePosition;

/** A YAML text parsed with positions kept. */
export interface ParsedYaml {
  /** Plain JavaScript value of the document. */
  value: unknown;
  /** YAML syntax errors, already positioned. */
  syntaxErrors: { position: SourcePosition; message: string }[];
  locate: Locate;
  /** Position of the key `key` of the mapping at `path` (for "unknown key" errors). */
  locateKey: (path: DocPath, key: string) => SourcePosition | undefined;
}

/**
 * Parses YAML text keeping node ranges, so that any path into the document can be mapped
 * back to a line and column (the nearest existing ancestor when the path does not exist,
 * e.g. for a missing key).
 *
 * @example
 * parseYamlWithPositions('a:\n  b: 1\n').locate(['a', 'b']); // { line: 2, column: 6 }
 */
export function parseYamlWithPositions(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const pos = (offset: number): SourcePosition => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const syntaxErrors = doc.errors.map((e) => ({ position: pos(e.pos[0]), message: e.message }));
  const locate: Locate = (path) => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return pos(node.range[0]);
      // A key with a null value (`until:`) has no value node: point at the key instead.
      if (n > 0 && node === undefined) {
        const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1), true);
        if (isCollection(parent)) {
          const key = path[n - 1];
          for (const item of parent.items) {
            if (isPair(item) && isScalar(item.key) && item.key.value === key && item.key.range) return pos(item.key.range[0]);
          }
        }
      }
    }
    return { line: 1, column: 1 };
  };
  const locateKey = (path: DocPath, key: string): SourcePosition | undefined => {
    const parent = path.length === 0 ? doc.contents : doc.getIn(path, true);
    if (!isCollection(parent)) return undefined;
    for (const item of parent.items) {
      if (isPair(item) && isScalar(item.key) && item.key.value === key && item.key.range) return pos(item.key.range[0]);
    }
    return undefined;
  };
  let value: unknown = null;
  if (doc.errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      // yaml throws (a ReferenceError) for an alias to an anchor set only later, and for too
      // many aliases; parseDocument reports neither (found by fuzzing, issue 15).
      syntaxErrors.push({ position: unresolvedAliasPosition(doc, pos) ?? { line: 1, column: 1 }, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return { value, syntaxErrors, locate, locateKey };
}

/** Where the first alias that names no anchor before it is written, if any. */
function unresolvedAliasPosition(doc: Document, pos: (offset: number) => SourcePosition): SourcePosition | undefined {
  let found: SourcePosition | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (node.resolve(doc) !== undefined || node.range === undefined || node.range === null) return undefined;
      found = pos(node.range[0]);
      return visit.BREAK;
    },
  });
  return found;
}
