/**
 * Where to go after signing in: a path on this site from the `next` query parameter, or home. Anything else (another
 * site, `//evil.example`, `/\evil.example`, a script URL) goes home, so a link cannot send someone elsewhere.
 */
export function safeNextPath(value: string | string[] | undefined): string {
  const path = Array.isArray(value) ? value[0] : value;
  if (path === undefined || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return "/";
  return /[\u0000-\u001f]/.test(path) ? "/" : path;
}

/** The sign-in page's address that comes back to `path` afterwards. */
export function signInPath(path: string): string {
  return path === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(path)}`;
}
