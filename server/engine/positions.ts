/** Offset <-> line/character conversion over a text, computed once per text. */
import type { Position, Range } from './types';

export class LineIndex {
  private lineStarts?: number[];
  constructor(readonly text: string) {}
  /** Computed on first use: many files are analysed without any position being asked for. */
  private get starts(): number[] { return (this.lineStarts ??= LineIndex.startsOf(this.text)); }
  private static startsOf(text: string): number[] {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    return starts;
  }
  get lineCount(): number { return this.starts.length; }
  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0, hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }
  offsetAt(p: Position): number {
    if (p.line >= this.starts.length) return this.text.length;
    if (p.line < 0) return 0;
    const lineEnd = p.line + 1 < this.starts.length ? this.starts[p.line + 1] : this.text.length;
    return Math.min(this.starts[p.line] + Math.max(0, p.character), lineEnd);
  }
  range(start: number, end: number): Range { return { start: this.positionAt(start), end: this.positionAt(end) }; }
  lineText(line: number): string {
    if (line < 0 || line >= this.starts.length) return '';
    const end = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    return this.text.slice(this.starts[line], end).replace(/\r?\n$|\r$/, '');
  }
  /** Range of a whole line, without its line break. */
  lineRange(line: number): Range {
    return { start: { line, character: 0 }, end: { line, character: this.lineText(line).length } };
  }
  /** The indentation (leading white space) of a line. */
  indentOf(line: number): string { return /^[ \t]*/.exec(this.lineText(line))![0]; }
  /** The file's line break. */
  get eol(): string { return this.text.includes('\r\n') ? '\r\n' : '\n'; }
}

export const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
