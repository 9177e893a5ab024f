// The demo seed's barcodes and location codes, as pure functions: the seed uses them, and so do
// tests and the benchmark that address demo products and locations.

/** EAN-13 with a valid check digit, derived from the product number so it is stable. */
export function ean13(n: number): string {
  const body = `690${String(n).padStart(9, "0")}`; // 690–699: China's GS1 prefix range
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 ? 3 : 1), 0);
  return body + ((10 - (sum % 10)) % 10);
}

export function locationCodes(): string[] {
  const codes: string[] = [];
  for (const zone of ["A", "B", "C", "D", "E"])
    for (let aisle = 1; aisle <= 2; aisle++)
      for (let bin = 1; bin <= 5; bin++) codes.push(`${zone}-${String(aisle).padStart(2, "0")}-${String(bin).padStart(2, "0")}`);
  return codes;
}
