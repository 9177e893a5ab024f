"use client";
// Keeps the handheld's local data moving while any /floor screen is open: sends the outbox when
// the screen opens, when the network comes back and every few seconds while something waits;
// refreshes the local catalogue on open and every minute. Also the header's "N waiting" link.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useFloorUser } from "./floor-user";
import { refreshCatalog } from "./local/catalog";
import { attentionItems, onOutboxChange, sendOutbox, waitingItems } from "./local/outbox";

const SEND_EVERY_MS = 5_000;
const CATALOG_EVERY_MS = 60_000;

export function FloorRuntime() {
  useEffect(() => {
    const send = () => void sendOutbox().catch((e) => console.error("outbox", e));
    const refresh = () => void refreshCatalog().catch((e) => console.error("catalog", e));
    send();
    refresh();
    const online = () => {
      send();
      refresh();
    };
    window.addEventListener("online", online);
    const a = setInterval(send, SEND_EVERY_MS);
    const b = setInterval(refresh, CATALOG_EVERY_MS);
    return () => {
      window.removeEventListener("online", online);
      clearInterval(a);
      clearInterval(b);
    };
  }, []);
  return null;
}

/**
 * What `read` says about the signed-in user's outbox, read again whenever the outbox changes (in
 * this tab or another); null until first read.
 */
export function useOutbox<T>(read: (userId: string) => Promise<T>): T | null {
  const user = useFloorUser();
  const reader = useRef(read);
  useEffect(() => {
    reader.current = read;
  });
  const [data, setData] = useState<T | null>(null);
  useEffect(() => {
    if (!user) return;
    let live = true;
    const load = async () => {
      const value = await reader.current(user.id);
      if (live) setData(value);
    };
    void load();
    const off = onOutboxChange(() => void load());
    return () => {
      live = false;
      off();
    };
  }, [user]);
  return data;
}

const readCounts = async (userId: string) => {
  const [w, a] = await Promise.all([waitingItems(userId), attentionItems(userId)]);
  return { waiting: w.length, attention: a.length };
};

export function OutboxBadge() {
  const t = useTranslations("floor");
  const { waiting, attention } = useOutbox(readCounts) ?? { waiting: 0, attention: 0 };
  if (!waiting && !attention) return null;
  return (
    <Link
      href="/floor/sync"
      className={`flex h-11 shrink-0 items-center rounded-xl px-3 text-base font-bold ${attention ? "bg-red-600" : "bg-sky-600"}`}
    >
      {[waiting ? t("waitingShort", { n: waiting }) : null, attention ? t("needAttentionShort", { n: attention }) : null].filter(Boolean).join(" · ")}
    </Link>
  );
}
