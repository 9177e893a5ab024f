import type { Action } from "@/lib/auth/permissions";

/** The admin area's sections; each shows only to roles with its permission. */
export const ADMIN_SECTIONS: { key: "users" | "tokens" | "webhooks" | "audit" | "sequences" | "reconcile" | "queues" | "settings"; href: string; action: Action }[] = [
  { key: "users", href: "/admin/users", action: "user.read" },
  { key: "tokens", href: "/admin/tokens", action: "apiToken.manage" },
  { key: "webhooks", href: "/admin/webhooks", action: "webhooks.manage" },
  { key: "audit", href: "/admin/audit", action: "audit.read" },
  { key: "sequences", href: "/admin/sequences", action: "sequence.manage" },
  { key: "reconcile", href: "/admin/reconcile", action: "reconcile.run" },
  { key: "queues", href: "/admin/queues", action: "queue.manage" },
  { key: "settings", href: "/admin/settings", action: "settings.manage" },
];
