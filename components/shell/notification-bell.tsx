"use client";
// The bell in the shell: unread count on the button, the latest notifications in a popover. It
// polls the inbox every 15 s while the tab is visible (and at once when it becomes visible), so a
// new alert shows up without a reload.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { formatDateTime } from "../format";
import type { Inbox, NotificationDto } from "@/lib/notifications/list-notifications";
import { cn } from "../ui/cn";
import { BellIcon } from "../ui/icons";

const POLL_MS = 15_000;

export function NotificationBell({
  initial,
  load,
  markAllRead,
  className,
}: {
  initial: Inbox;
  load: () => Promise<Inbox | null>;
  markAllRead: () => Promise<Inbox | null>;
  className?: string;
}) {
  const t = useTranslations("notifications");
  const ta = useTranslations("alerts");
  const tp = useTranslations("purchasing.statuses");
  const [inbox, setInbox] = useState(initial);
  const [seen, setSeen] = useState(initial);
  const [open, setOpen] = useState(false);
  const [pending, start] = useTransition();
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);

  // A fresh server render (navigation, router.refresh) brings a newer inbox.
  if (initial !== seen) {
    setSeen(initial);
    setInbox(initial);
  }

  useEffect(() => {
    let alive = true;
    const tick = async () => {
      if (document.visibilityState !== "visible") return;
      const next = await load().catch(() => null);
      if (alive && next) setInbox(next);
    };
    const timer = setInterval(tick, POLL_MS);
    document.addEventListener("visibilitychange", tick);
    return () => {
      alive = false;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", tick);
    };
  }, [load]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    const onClick = (e: MouseEvent) => !root.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  const text = (n: NotificationDto) => {
    const d = n.data as Record<string, string | number>;
    // Kinds are dotted ("alert.opened"), and so are message paths: kinds.alert.opened.
    const key = `kinds.${n.kind}`;
    if (!/^[a-z]+\.[a-z]+$/.test(n.kind) || !t.has(key)) return t("unknown");
    if (n.kind === "purchase.changed") {
      // data: { number, supplier, from, to, action, by, step, steps } (lib/purchasing/notify-order.ts)
      const s = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");
      const to = s(d.to);
      return t(key, {
        number: s(d.number),
        supplier: s(d.supplier),
        by: s(d.by),
        action: s(d.action) || "other",
        to,
        status: to && tp.has(to) ? tp(to) : to,
        partial: d.action === "approve" && d.to === "submitted" ? "yes" : "no",
      });
    }
    const level = typeof d.level === "string" && ta.has(`levels.${d.level}`) ? ta(`levels.${d.level}`) : d.level;
    return t(key, { ...d, level });
  };
  const href = (n: NotificationDto) => {
    if (n.kind === "purchase.changed") {
      const number = (n.data as { number?: unknown }).number;
      return typeof number === "string" && number ? `/purchasing/orders/${encodeURIComponent(number)}` : "/purchasing/orders";
    }
    if (n.kind === "webhook.disabled") {
      const id = (n.data as { endpointId?: unknown }).endpointId;
      return typeof id === "string" ? `/admin/webhooks/${id}` : "/admin/webhooks";
    }
    return n.kind.startsWith("alert.") ? "/alerts?status=open" : "/admin/audit?entity=stock&action=stock.reconcile";
  };

  return (
    <div ref={root} className={cn("relative", className)}>
      <button
        type="button"
        onClick={() => {
          setOpen((o) => !o);
          if (!open) start(async () => setInbox((await load().catch(() => null)) ?? inbox));
        }}
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t("bell", { count: inbox.unread })}
        className="relative inline-flex size-11 items-center justify-center rounded-lg text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 lg:size-9"
      >
        <BellIcon className="size-5" />
        {inbox.unread > 0 ? (
          <span aria-hidden data-testid="unread-count" className="absolute top-1 right-1 flex min-w-4.5 items-center justify-center rounded-full bg-red-600 px-1 text-[0.6875rem] leading-4.5 font-semibold text-white tabular">
            {inbox.unread > 99 ? "99+" : inbox.unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div
          id={panelId}
          role="dialog"
          aria-label={t("title")}
          className="absolute top-full right-0 z-40 mt-2 w-[min(22rem,calc(100vw-2rem))] overflow-hidden rounded-xl border border-zinc-200 bg-white text-left shadow-xl lg:right-auto lg:left-0"
        >
          <div className="flex items-center justify-between gap-2 border-b border-zinc-100 px-4 py-2.5">
            <h2 className="text-sm font-semibold text-zinc-900">{t("title")}</h2>
            {inbox.unread > 0 ? (
              <button
                type="button"
                disabled={pending}
                onClick={() => start(async () => setInbox((await markAllRead().catch(() => null)) ?? inbox))}
                className="min-h-9 rounded-md px-2 text-sm font-medium text-accent-700 hover:bg-accent-50 disabled:opacity-50"
              >
                {t("markAllRead")}
              </button>
            ) : null}
          </div>
          {inbox.items.length === 0 ? (
            <p className="px-4 py-6 text-center text-sm text-zinc-500">{t("empty")}</p>
          ) : (
            <ul className="max-h-96 divide-y divide-zinc-100 overflow-y-auto">
              {inbox.items.map((n) => (
                <li key={n.id}>
                  <Link href={href(n)} onClick={() => setOpen(false)} className="flex gap-3 px-4 py-3 hover:bg-zinc-50">
                    <span aria-hidden className={cn("mt-1.5 size-2 shrink-0 rounded-full", n.read ? "bg-transparent" : "bg-accent-600")} />
                    <span className="min-w-0 flex-1">
                      <span className={cn("block text-sm", n.read ? "text-zinc-600" : "font-medium text-zinc-900")}>
                        {!n.read ? <span className="sr-only">{t("unread")}: </span> : null}
                        {text(n)}
                      </span>
                      {n.resolved ? (
                        <span className="mt-1 inline-flex rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-emerald-600/20 ring-inset">{t("resolved")}</span>
                      ) : null}
                      <span className="mt-0.5 block font-mono text-xs text-zinc-400 tabular">{formatDateTime(n.createdAt)}</span>
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <div className="border-t border-zinc-100 px-4 py-2.5">
            <Link href="/alerts" onClick={() => setOpen(false)} className="inline-flex min-h-9 items-center text-sm font-medium text-accent-700 hover:underline">
              {t("seeAlerts")}
            </Link>
          </div>
        </div>
      ) : null}
    </div>
  );
}
