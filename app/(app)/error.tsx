"use client";
// Unexpected failures inside the app shell: a calm message and a retry, never a stack trace.
import { useTranslations } from "next-intl";
import { Button, LinkButton } from "@/components/ui/button";
import { AlertCircleIcon } from "@/components/ui/icons";
import { StatusMessage } from "@/components/ui/status-page";

export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <StatusMessage
      code={error.digest ? t("reference", { digest: error.digest }) : "500"}
      icon={<AlertCircleIcon className="size-6" />}
      title={t("errorTitle")}
      actions={
        <>
          <Button onClick={reset}>{t("tryAgain")}</Button>
          <LinkButton href="/" variant="secondary">
            {t("backToDashboard")}
          </LinkButton>
        </>
      }
    >
      {t("errorBody")}
    </StatusMessage>
  );
}
