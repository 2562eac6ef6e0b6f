import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

/**
 * Maps a field path (as zod reports it) to the line where that field is written, for YAML and for
 * JSON alike: YAML's parser reads JSON too and keeps every node's source range.
 */
export class SourceLines {
  private readonly lineCounter = new LineCounter();
  readonly document: Document;

  constructor(readonly text: string) {
    this.document = parseDocument(text, { lineCounter: this.lineCounter, prettyErrors: false });
  }

  lineAt(offset: number): number {
    return this.lineCounter.linePos(offset).line;
  }

  /**
   * Line of the value at `path`; for a field that is absent, the line of the deepest part of the path
   * that exists (the object that lacks it). A key-only path (`scale:` with no value) gives the key's line.
   */
  lineOf(path: readonly PropertyKey[]): number {
    let node: unknown = this.document.contents;
    let line = firstContentLine(this.text);
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) return startLine(this, node) ?? line;
        const keyLine = startLine(this, pair.key as Node);
        if (keyLine !== undefined) line = keyLine;
        node = pair.value;
      } else if (isSeq(node)) {
        const item = typeof segment === 'number' ? node.items[segment] : undefined;
        if (item === undefined) return startLine(this, node) ?? line;
        node = item;
      } else {
        return line;
      }
      const valueLine = startLine(this, node as Node | null);
      // An empty value (`title:`) has a zero-width range at the end of its key line; keep the key's line.
      if (valueLine !== undefined && !isEmptyScalar(node)) line = valueLine;
    }
    return line;
  }
}

function startLine(lines: SourceLines, node: Node | null | undefined): number | undefined {
  const start = node?.range?.[0];
  return start === undefined ? undefined : lines.lineAt(start);
}

function isEmptyScalar(node: unknown): boolean {
  if (!isScalar(node) || node.value !== null || !node.range) return false;
  return node.range[0] === node.range[1];
}

function firstContentLine(text: string): number {
  const lines = text.split('\n');
  const index = lines.findIndex((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  return index === -1 ? 1 : index + 1;
}

/** 1-based line of a character offset. */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < Math.min(offset, text.length); i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
