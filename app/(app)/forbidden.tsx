import { getTranslations } from "next-intl/server";
import { LinkButton } from "@/components/ui/button";
import { LockIcon } from "@/components/ui/icons";
import { StatusMessage } from "@/components/ui/status-page";

// 403 inside the app shell, so the navigation stays at hand (app/forbidden.tsx covers the rest).
export default async function Forbidden() {
  const t = await getTranslations("errors");
  return (
    <StatusMessage
      code="403"
      icon={<LockIcon className="size-6" />}
      title={t("forbiddenTitle")}
      actions={
        <LinkButton href="/" variant="primary">
          {t("backToDashboard")}
        </LinkButton>
      }
    >
      {t("forbiddenBody")}
    </StatusMessage>
  );
}
