// The parser ships without types; only what components/floor/scanner/gs1.ts uses.
declare module "gs1-barcode-parser-mod" {
  export function parseBarcode(code: string): { codeName: string; parsedCodeItems: { ai: string; dataTitle: string; data: unknown; unit: string; raw?: string }[] };
}
