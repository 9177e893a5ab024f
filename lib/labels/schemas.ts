// Label printing options: the /labels form and the PDF route's query string share this schema.
import { z } from "zod";

export const LABEL_KINDS = ["locations", "products", "lots"] as const;
export const SYMBOLOGIES = ["code128", "qrcode"] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];
export type Symbology = (typeof SYMBOLOGIES)[number];

/** Label sizes in millimetres; `sheet` = an A4 page of cols × rows labels, otherwise one label per page (roll). */
export const LABEL_SIZES = {
  "50x25": { width: 50, height: 25 },
  "62x29": { width: 62, height: 29 },
  "100x50": { width: 100, height: 50 },
  "a4-3x8": { width: 70, height: 37, sheet: { cols: 3, rows: 8, pageWidth: 210, pageHeight: 297 } },
} as const;
export type LabelSize = keyof typeof LABEL_SIZES;
export const SIZE_KEYS = Object.keys(LABEL_SIZES) as LabelSize[];

/** Labels per PDF (items × copies) at most. */
export const MAX_LABELS = 1000;
export const MAX_COPIES = 50;

const text = (max: number) => z.string().trim().max(max).optional().transform((v) => (v ? v : undefined));

export const labelQuerySchema = z.object({
  kind: z.enum(LABEL_KINDS),
  symbology: z.enum(SYMBOLOGIES).default("code128"),
  size: z.enum(SIZE_KEYS as [LabelSize, ...LabelSize[]]).default("50x25"),
  copies: z.coerce.number().int("Whole numbers only.").min(1, "At least 1.").max(MAX_COPIES, `At most ${MAX_COPIES}.`).default(1),
  /** locations: warehouse code and/or location code prefix (zone, aisle…). */
  warehouse: text(32),
  prefix: text(64),
  /** products: SKUs (comma, space or line separated), or a category id, or a search. */
  skus: text(20_000),
  category: text(64),
  q: text(200),
  /** lots: the product's SKU. */
  sku: text(64),
});
export type LabelQuery = z.output<typeof labelQuerySchema>;

export const splitSkus = (s: string | undefined) => [...new Set((s ?? "").split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean))];
