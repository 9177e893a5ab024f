// zod schemas of stock alerts (docs/api.md): the list query and the item, shared by the REST
// handler, the alerts page and the OpenAPI document.
import { z } from "zod";
import { pageQuerySchema } from "../pagination";
import { ALERT_LEVELS, ALERT_STATUSES } from "./level";

export const alertListQuerySchema = pageQuerySchema.extend({
  status: z.enum(ALERT_STATUSES).optional(),
  level: z.enum(ALERT_LEVELS).optional(),
  sku: z.string().trim().max(64).optional(),
});
export type AlertListQuery = z.input<typeof alertListQuerySchema>;

export const alertSchema = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  level: z.enum(ALERT_LEVELS),
  onHand: z.number().int().meta({ description: "On-hand when the alert last changed." }),
  threshold: z.number().int().meta({ description: "The product's minStock when the alert last changed." }),
  status: z.enum(ALERT_STATUSES),
  openedAt: z.string(),
  escalatedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable().meta({ description: "Name of the user who acknowledged it." }),
  resolvedAt: z.string().nullable(),
});
export type AlertDto = z.infer<typeof alertSchema>;

export const alertIdSchema = z.uuid("Unknown alert.");
