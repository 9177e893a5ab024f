// zod schemas of variant groups (docs/product.md §1, seed 003): the input of create/update (also the form's,
// after its rows are turned into members), the list query and the DTO of /api/v1/variant-groups.
import { z } from "zod";
import { moneySchema } from "../money";
import { pageQuerySchema } from "../pagination";

export const MAX_GROUP_MEMBERS = 100;

export const variantMemberSchema = z.object({
  /** SKU or barcode of a live product. */
  sku: z.string().trim().min(1, "SKU is required.").max(64, "SKU is at most 64 characters."),
  /** 1 = preferred. */
  priority: z.number().int("Whole numbers only.").min(1, "Priority starts at 1.").max(1000, "Priority is at most 1000."),
});

export const variantGroupInputSchema = z
  .object({
    name: z.string().trim().min(1, "Name is required.").max(100, "Name is at most 100 characters."),
    description: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), z.string().trim().max(500).nullable()).optional(),
    members: z.array(variantMemberSchema).max(MAX_GROUP_MEMBERS, `At most ${MAX_GROUP_MEMBERS} products.`).default([]),
  })
  .superRefine((g, ctx) => {
    const seen = new Set<string>();
    g.members.forEach((m, i) => {
      const k = m.sku.toUpperCase();
      if (seen.has(k)) ctx.addIssue({ code: "custom", path: ["members", i, "sku"], message: "Each product may appear once." });
      seen.add(k);
    });
  });
export type VariantGroupInput = z.input<typeof variantGroupInputSchema>;

export const variantGroupListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  inStock: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
});

export const variantGroupMemberDtoSchema = z.object({
  sku: z.string(),
  name: z.string(),
  priority: z.number().int(),
  inStock: z.boolean(),
  price: moneySchema.nullable(),
});

export const variantGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  inStock: z.boolean().meta({ description: "Any member in stock." }),
  price: moneySchema.nullable().meta({
    description:
      "The price of the highest-priority member in stock; if none is in stock, the highest price among the members; null for an empty group. " +
      "Members are expected to share one currency (amounts are compared as numbers).",
  }),
  members: z.array(variantGroupMemberDtoSchema).meta({ description: "Live members by priority (1 = preferred)." }),
});
export type VariantGroupDto = z.infer<typeof variantGroupSchema>;

// The form: members as rows where the priority is typed as text; empty rows are ignored.
export const variantGroupFormSchema = z.object({
  name: z.string(),
  description: z.string(),
  members: z.array(z.object({ sku: z.string(), priority: z.string() })).max(MAX_GROUP_MEMBERS, `At most ${MAX_GROUP_MEMBERS} products.`),
});
export type VariantGroupFormValues = z.input<typeof variantGroupFormSchema>;

/** Form values → the domain's input (validated again there). */
export function variantGroupFromForm(v: VariantGroupFormValues): VariantGroupInput {
  return {
    name: v.name,
    description: v.description,
    members: v.members
      .filter((m) => m.sku.trim() !== "" || m.priority.trim() !== "")
      .map((m) => ({ sku: m.sku, priority: m.priority.trim() === "" ? Number.NaN : Number(m.priority) })),
  };
}
