// The serial domain's English messages (lib/serials, lib/serials/imei.ts) → keys of serials.errors,
// with the values they carry. Unknown messages pass through unchanged (then the stock and shared
// validation messages get their turn: lib/i18n/localize-stock-error.ts).
type Match = { key: string; values?: Record<string, string> };

const RULES: [RegExp, (m: RegExpMatchArray) => Match][] = [
  [/^An IMEI has 15 digits\.$/, () => ({ key: "imeiDigits" })],
  [/^This IMEI's check digit does not match/, () => ({ key: "imeiLuhn" })],
  [/^IMEI already exists\.$/, () => ({ key: "imeiTaken" })],
  [/^Choose a product\.$/, () => ({ key: "chooseProduct" })],
  [/^Unknown product (.+)\.$/, (m) => ({ key: "unknownProduct", values: { sku: m[1] } })],
  [/^(.+) is not serial-tracked; make it serial-tracked first\.$/, (m) => ({ key: "notSerial", values: { sku: m[1] } })],
  [/^Choose the purchase source\.$/, () => ({ key: "chooseSource" })],
  [/^Unknown purchase source\.$/, () => ({ key: "unknownSource" })],
  [/^A (.+) item cannot become (.+)\.$/, (m) => ({ key: "invalidTransition", values: { from: m[1].replace(" ", "_"), to: m[2].replace(" ", "_") } })],
  [/ is on hand at .+; it cannot be deleted\.$/, () => ({ key: "onHand" })],
  [/^Scan or choose the location it arrives at\.$/, () => ({ key: "locationNeeded" })],
  [/^Both arrival checks are done\.$/, () => ({ key: "bothChecks" })],
  [/^A .+ item takes no arrival check\.$/, () => ({ key: "noCheck" })],
  [/^No serial item /, () => ({ key: "notFound" })],
  [/^Serial items come from this source/, () => ({ key: "sourceInUse" })],
];

export function serialMessage(message: string): Match | null {
  for (const [re, f] of RULES) {
    const m = message.match(re);
    if (m) return f(m);
  }
  return null;
}
