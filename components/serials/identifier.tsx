"use client";
// A serial identifier is 59 characters: lists show its first and last groups (the full one in the
// title and for screen readers) with a button copying it; the item's page shows it whole.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { CheckIcon, HashIcon } from "@/components/ui/icons";
import { toast } from "@/components/ui/toast";

export const shortIdentifier = (id: string) => (id.length > 14 ? `${id.slice(0, 4)}…${id.slice(-4)}` : id);

export function CopyIdentifierButton({ identifier }: { identifier: string }) {
  const t = useTranslations("serials");
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(identifier);
      setCopied(true);
      toast.success(t("copied"));
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // Clipboard refused (e.g. not a secure context): the full identifier is still in the title.
    }
  };
  return (
    <button
      type="button"
      onClick={copy}
      title={identifier}
      className="inline-flex size-8 shrink-0 items-center justify-center rounded-md text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700"
      aria-label={t("copyIdentifier", { identifier: shortIdentifier(identifier) })}
    >
      {copied ? <CheckIcon className="size-3.5" /> : <HashIcon className="size-3.5" />}
    </button>
  );
}
