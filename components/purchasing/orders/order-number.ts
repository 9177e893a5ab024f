// Order numbers as they arrive in a URL: decoded once, and only letters, digits and the separators
// a numbering prefix may use (PO2612-0001, PO/2026/0001) reach the database — a NUL, a lone
// surrogate or a 3,000-character segment is simply "not found".
const NUMBER = /^[\p{L}\p{N}][\p{L}\p{N}/\-_.#]{0,63}$/u;

export function orderNumberParam(raw: string): string | null {
  let value = raw;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return null;
  }
  return NUMBER.test(value) ? value : null;
}

export const orderHref = (number: string) => `/purchasing/orders/${encodeURIComponent(number)}`;
