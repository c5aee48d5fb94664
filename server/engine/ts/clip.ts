/** A snippet of source for a message: whitespace collapsed to single spaces, cut to 40 characters. */
export function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 40 ? `${one.slice(0, 37)}...` : one;
}
