/** The address people reach the app at, when a proxy stands in front (PUBLIC_URL, e.g. https://switchboard.example.com). */
export function publicUrlFromEnv(): string | undefined {
  const value = process.env.PUBLIC_URL?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_URL: "${value}" is not a URL (write it as https://switchboard.example.com)`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`PUBLIC_URL: "${value}" must start with https:// or http://`);
  return url.origin;
}
