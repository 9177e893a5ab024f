"use client";
// The signing secret, shown once after create or rotate, with a copy button (like a new API token).
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";

export function SecretReveal({ url, secret }: { url: string; secret: string }) {
  const t = useTranslations("webhooks");
  const [copied, setCopied] = useState(false);
  return (
    <Alert tone="success" title={t("secretTitle", { url })}>
      <p>{t("secretBody")}</p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row">
        <label htmlFor="webhook-secret" className="sr-only">
          {t("secretLabel")}
        </label>
        <Input id="webhook-secret" readOnly value={secret} className="font-mono text-xs md:text-xs" onFocus={(e) => e.currentTarget.select()} />
        <Button
          variant="secondary"
          className="shrink-0"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(secret);
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
        >
          {copied ? t("copied") : t("copy")}
        </Button>
      </div>
    </Alert>
  );
}
