// A serial item as it arrives in a URL (/serials/<id | identifier | IMEI>): decoded once, and only
// letters, digits and the separators an identifier or a printed IMEI uses reach the database — a
// NUL, a lone surrogate or a 3,000-character segment is simply "not found".
const REF = /^[0-9A-Za-z][0-9A-Za-z\- /]{0,99}$/;

export function serialRefParam(raw: string): string | null {
  let value = raw;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return null;
  }
  return REF.test(value) ? value : null;
}
