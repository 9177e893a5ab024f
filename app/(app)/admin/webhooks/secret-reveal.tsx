"use client";
// The signing secret, shown once after create or rotate (like a new API token).
import { useTranslations } from "next-intl";
import { SecretReveal as Reveal } from "@/components/ui/secret-reveal";

export function SecretReveal({ url, secret }: { url: string; secret: string }) {
  const t = useTranslations("webhooks");
  return <Reveal key={secret} id="webhook-secret" title={t("secretTitle", { url })} body={t("secretBody")} label={t("secretLabel")} secret={secret} copyLabel={t("copy")} copiedLabel={t("copied")} />;
}
