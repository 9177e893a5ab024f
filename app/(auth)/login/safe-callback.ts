/**
 * Where to go after signing in: only a same-origin relative path is honoured ("/products?q=x"),
 * never "//evil.example", "/\evil.example", an absolute URL or the login page itself.
 */
export function safeCallbackUrl(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length > 2000) return undefined;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return undefined;
  if (/[\u0000-\u001f\\]/.test(value)) return undefined;
  try {
    const url = new URL(value, "http://localhost");
    if (url.origin !== "http://localhost") return undefined;
    if (url.pathname === "/login" || url.pathname.startsWith("/api/")) return undefined;
    return url.pathname + url.search + url.hash;
  } catch {
    return undefined;
  }
}
