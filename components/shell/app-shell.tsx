import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { inboxAction, markAllReadAction } from "@/app/(app)/notifications/actions";
import { can, type Action, type Role } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { Brand } from "./brand";
import { MobileNav } from "./mobile-nav";
import type { NavGroup, NavIcon, NavItem } from "./nav-links";
import { NavLinks } from "./nav-links";
import { NotificationBell } from "./notification-bell";
import { UserPanel } from "./user-panel";

type NavEntry = { key: string; href: string; icon: NavIcon; action?: Action | Action[] };

// `action`: the role needs it (or, for a list, any of them) to see the entry.
const NAV: NavEntry[] = [
  { key: "dashboard", href: "/", icon: "home" },
  { key: "products", href: "/products", icon: "package", action: "catalog.read" },
  { key: "categories", href: "/categories", icon: "tree", action: "catalog.read" },
  { key: "variantGroups", href: "/variant-groups", icon: "layers", action: "catalog.read" },
  { key: "locations", href: "/locations", icon: "mapPin", action: "location.read" },
  { key: "stock", href: "/stock", icon: "layers", action: "stock.read" },
  { key: "movements", href: "/movements", icon: "arrows", action: "stock.read" },
  { key: "serials", href: "/serials", icon: "boxes", action: "serial.read" },
  { key: "counts", href: "/counts", icon: "clipboard", action: "count.perform" },
  { key: "floor", href: "/floor", icon: "scan", action: ["movement.post", "count.perform"] },
  { key: "alerts", href: "/alerts", icon: "alert", action: "alert.read" },
  { key: "reports", href: "/reports", icon: "chart", action: "report.read" },
  { key: "import", href: "/import", icon: "importFile", action: "import.run" },
  { key: "labels", href: "/labels", icon: "tag", action: "label.print" },
  { key: "admin", href: "/admin", icon: "shield", action: "admin.access" },
];

// The Purchasing group (its own heading). Each role's own page first: approvers their inbox,
// clerks what is due today.
const PURCHASING: NavEntry[] = [
  { key: "purchaseOrders", href: "/purchasing/orders", icon: "cart", action: "purchase.read" },
  { key: "purchaseInbox", href: "/purchasing/inbox", icon: "inbox", action: ["purchase.approve", "purchase.finalApprove"] },
  { key: "purchaseExpected", href: "/purchasing/expected", icon: "truck", action: "purchase.receive" },
  { key: "suppliers", href: "/purchasing/suppliers", icon: "building", action: "supplier.read" },
  { key: "exchangeRates", href: "/purchasing/rates", icon: "coins", action: "purchase.read" },
];
// The Sales group (outbound): customer orders, pick lists, customers. Clerks, who pick and ship,
// find the pick lists first.
const SALES: NavEntry[] = [
  { key: "salesOrders", href: "/sales/orders", icon: "receipt", action: "sales.read" },
  { key: "pickLists", href: "/sales/pick-lists", icon: "listChecks", action: "sales.read" },
  { key: "customers", href: "/sales/customers", icon: "users", action: "sales.read" },
];
const FIRST_IN_SALES: Partial<Record<Role, string>> = { clerk: "/sales/pick-lists" };
const FIRST_IN_PURCHASING: Partial<Record<Role, string>> = { approver: "/purchasing/inbox", clerk: "/purchasing/expected" };
/** Roles whose work is purchasing: the group comes first in their navigation. */
const PURCHASING_FIRST: readonly Role[] = ["purchaser", "approver"];

/** Sidebar from lg (1024 px) up; below it a top bar whose menu button opens the same nav as a drawer. */
export async function AppShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  const t = await getTranslations("nav");
  const tc = await getTranslations("common");
  const visible = (entries: NavEntry[]): NavItem[] =>
    entries.filter((n) => !n.action || [n.action].flat().some((a) => can(user.role, a))).map((n) => ({ href: n.href, icon: n.icon, label: t(n.key) }));
  const first = FIRST_IN_PURCHASING[user.role];
  const purchasingItems = visible(PURCHASING).sort((a, b) => Number(b.href === first) - Number(a.href === first));
  const main: NavGroup = { items: visible(NAV) };
  const purchasing: NavGroup = { label: t("purchasing"), items: purchasingItems };
  const groups: NavGroup[] = purchasingItems.length === 0 ? [main] : PURCHASING_FIRST.includes(user.role) ? [purchasing, main] : [main, purchasing];
  const salesItems = visible(SALES).sort((a, b) => Number(b.href === FIRST_IN_SALES[user.role]) - Number(a.href === FIRST_IN_SALES[user.role]));
  if (salesItems.length) groups.push({ label: t("sales"), items: salesItems });
  const brand = <Brand name={tc("appName")} />;
  const panel = <UserPanel user={user} />;
  const inbox = await listNotifications({ id: user.id, role: user.role, channel: "web" });
  const bell = (className: string) => <NotificationBell initial={inbox} load={inboxAction} markAllRead={markAllReadAction} className={className} />;

  return (
    <div className="min-h-dvh [--app-header:3.5rem] lg:[--app-header:0px] print:[--app-header:0px]">
      <a
        href="#main"
        className="sr-only z-50 rounded-lg bg-white px-4 py-3 text-sm font-medium text-accent-700 shadow-lg ring-2 ring-accent-600 focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
      >
        {t("skipToContent")}
      </a>

      <aside className="fixed inset-y-0 left-0 z-30 hidden w-64 flex-col border-r border-zinc-200 bg-white lg:flex print:hidden">
        <div className="flex h-16 shrink-0 items-center justify-between gap-2 px-5">
          {brand}
          {bell("-mr-2")}
        </div>
        <nav aria-label={t("main")} className="flex-1 overflow-y-auto px-3 py-2">
          <NavLinks groups={groups} />
        </nav>
        <div className="shrink-0 border-t border-zinc-100 p-3">{panel}</div>
      </aside>

      <header className="sticky top-0 z-20 flex h-14 items-center gap-2 border-b border-zinc-200 bg-white/90 px-4 backdrop-blur supports-[backdrop-filter]:bg-white/75 lg:hidden print:hidden">
        <MobileNav groups={groups} brand={brand} footer={panel} labels={{ open: t("openMenu"), close: t("closeMenu"), nav: t("main") }} />
        {brand}
        {bell("ml-auto -mr-2")}
      </header>

      <div className="lg:pl-64 print:pl-0">
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl px-4 py-6 outline-none sm:px-6 lg:px-10 lg:py-10">
          {children}
        </main>
      </div>
    </div>
  );
}
