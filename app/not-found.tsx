import { getTranslations } from "next-intl/server";
import { LinkButton } from "@/components/ui/button";
import { CompassIcon } from "@/components/ui/icons";
import { StatusPage } from "@/components/ui/status-page";

export default async function NotFound() {
  const [t, tc] = await Promise.all([getTranslations("errors"), getTranslations("common")]);
  return (
    <StatusPage
      code="404"
      appName={tc("appName")}
      icon={<CompassIcon className="size-6" />}
      title={t("notFoundTitle")}
      actions={
        <LinkButton href="/" variant="primary">
          {t("backToDashboard")}
        </LinkButton>
      }
    >
      {t("notFoundBody")}
    </StatusPage>
  );
}
