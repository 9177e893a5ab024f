"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useId } from "react";
import { BuildingIcon, CartIcon, CoinsIcon, InboxIcon, TruckIcon } from "../purchasing/orders/icons";
import { cn } from "../ui/cn";
import {
  AlertTriangleIcon,
  ArrowDownToLineIcon,
  ArrowLeftRightIcon,
  BoxesIcon,
  ChartIcon,
  ClipboardCheckIcon,
  HashIcon,
  HomeIcon,
  LayersIcon,
  ListChecksIcon,
  MapPinIcon,
  PackageIcon,
  ReceiptIcon,
  ScanIcon,
  ShieldIcon,
  TreeIcon,
  UsersIcon,
} from "../ui/icons";

const ICONS = {
  home: HomeIcon,
  package: PackageIcon,
  tree: TreeIcon,
  mapPin: MapPinIcon,
  shield: ShieldIcon,
  layers: LayersIcon,
  arrows: ArrowLeftRightIcon,
  clipboard: ClipboardCheckIcon,
  scan: ScanIcon,
  alert: AlertTriangleIcon,
  chart: ChartIcon,
  importFile: ArrowDownToLineIcon,
  tag: HashIcon,
  boxes: BoxesIcon,
  cart: CartIcon,
  inbox: InboxIcon,
  truck: TruckIcon,
  building: BuildingIcon,
  coins: CoinsIcon,
  receipt: ReceiptIcon,
  listChecks: ListChecksIcon,
  users: UsersIcon,
};
export type NavIcon = keyof typeof ICONS;
export type NavItem = { href: string; label: string; icon: NavIcon };
/** A run of entries, under a heading when it has a `label` (e.g. Purchasing). */
export type NavGroup = { label?: string; items: NavItem[] };

export function isActive(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

export function NavLinks({ groups, onNavigate }: { groups: NavGroup[]; onNavigate?: () => void }) {
  const id = useId();
  return (
    <div className="space-y-4">
      {groups.map((g, gi) =>
        g.label ? (
          <div key={g.label}>
            <h2 id={`${id}-${gi}`} className="px-3 pb-1 text-xs font-semibold tracking-wide text-zinc-400 uppercase">
              {g.label}
            </h2>
            <Links items={g.items} onNavigate={onNavigate} labelledBy={`${id}-${gi}`} />
          </div>
        ) : (
          <Links key={gi} items={g.items} onNavigate={onNavigate} />
        ),
      )}
    </div>
  );
}

function Links({ items, onNavigate, labelledBy }: { items: NavItem[]; onNavigate?: () => void; labelledBy?: string }) {
  const pathname = usePathname();
  return (
    <ul className="space-y-0.5" aria-labelledby={labelledBy}>
      {items.map((item) => {
        const active = isActive(pathname, item.href);
        const Icon = ICONS[item.icon];
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              onClick={onNavigate}
              aria-current={active ? "page" : undefined}
              className={cn(
                "group flex min-h-11 items-center gap-3 rounded-lg px-3 text-[0.9375rem] font-medium transition-colors lg:min-h-9 lg:text-sm",
                active ? "bg-accent-50 text-accent-700" : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900",
              )}
            >
              <Icon className={cn("size-5 shrink-0 lg:size-[1.125rem]", active ? "text-accent-600" : "text-zinc-400 group-hover:text-zinc-600")} />
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
