/** A one-line progress indicator on a terminal's stderr: appears only once work has taken a moment, redrawn at most 10 times a second. */
export interface ProgressStream { write(s: string): boolean; isTTY?: boolean }

export class Progress {
  private readonly start = Date.now();
  private last = 0;
  private shown = false;

  constructor(private readonly stream: ProgressStream, private readonly enabled: boolean, private readonly delayMs = 500) {}

  update(text: string): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.start < this.delayMs || now - this.last < 100) return;
    this.last = now;
    this.shown = true;
    this.stream.write(`\r\u001b[K${text}`);
  }

  /** Erases the line (before other output, and at the end). */
  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\u001b[K');
    this.shown = false;
  }
}

/** `Analysing 1,234 files… 40%` */
export function percent(done: number, total: number): string {
  return `${total ? Math.floor((done / total) * 100) : 100}%`;
}
