/**
 * Lower-case words of an identifier, split at camelCase humps and at every character other than a-z/0-9:
 * `sessionToken`, `session_token`, `x-session-token` -> ['session', 'token'] (acronyms are not split: `JWTSecret` -> ['jwtsecret']).
 */
export function camelWords(s: string): string[] {
  return s.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/**
 * Lower-case words of a schema or model name, split at camelCase humps, acronyms (`HTTPServer` -> http, server),
 * whitespace, `_`, `-` and `.`; other characters stay inside their word.
 */
export function identifierWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').split(/[\s_\-.]+/).filter(Boolean).map((w) => w.toLowerCase());
}
