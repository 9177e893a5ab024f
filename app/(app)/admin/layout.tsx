import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SubNav } from "@/components/shell/sub-nav";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/session";
import { ADMIN_SECTIONS } from "./sections";

// Managers and admins only: everyone else gets the 403 page. Each admin page still checks its
// own permission too (a layout does not re-run on client navigation).
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requirePage("admin.access", "/admin");
  const t = await getTranslations("admin");
  const items = [
    { href: "/admin", label: t("overview"), exact: true },
    ...ADMIN_SECTIONS.filter((s) => can(user.role, s.action)).map((s) => ({ href: s.href, label: t(`sections.${s.key}.title`) })),
  ];
  return (
    <>
      <SubNav items={items} label={t("nav")} />
      {children}
    </>
  );
}
