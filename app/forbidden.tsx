import { getTranslations } from "next-intl/server";
import { LinkButton } from "@/components/ui/button";
import { LockIcon } from "@/components/ui/icons";
import { StatusPage } from "@/components/ui/status-page";

// Rendered (with HTTP 403) when a page calls forbidden(): signed in, but the role may not open it.
export default async function Forbidden() {
  const [t, tc] = await Promise.all([getTranslations("errors"), getTranslations("common")]);
  return (
    <StatusPage
      code="403"
      appName={tc("appName")}
      icon={<LockIcon className="size-6" />}
      title={t("forbiddenTitle")}
      actions={
        <LinkButton href="/" variant="primary">
          {t("backToDashboard")}
        </LinkButton>
      }
    >
      {t("forbiddenBody")}
    </StatusPage>
  );
}
