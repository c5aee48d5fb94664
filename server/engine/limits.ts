/** Input that is skipped rather than analysed: binary, huge or minified files. */
export const MAX_FILE_BYTES = 1_500_000;

/** Why a file's content is skipped, or undefined when it is fine to analyse. */
export function skipReason(path: string, text: string): string | undefined {
  if (text.length > MAX_FILE_BYTES) return `larger than ${Math.round(MAX_FILE_BYTES / 1e6 * 10) / 10} MB`;
  if (text.slice(0, 8000).includes('\u0000')) return 'binary content';
  if (/\.[cm]?[jt]sx?$/.test(path) && text.length > 20_000) {
    const lines = text.split('\n', 200);
    const longest = lines.reduce((m, l) => Math.max(m, l.length), 0);
    if (/\.min\.[cm]?js$/.test(path) || longest > 5_000) return 'minified or generated (very long lines)';
  }
  return undefined;
}
