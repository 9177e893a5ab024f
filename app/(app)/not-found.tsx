import { getTranslations } from "next-intl/server";
import { LinkButton } from "@/components/ui/button";
import { CompassIcon } from "@/components/ui/icons";
import { StatusMessage } from "@/components/ui/status-page";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <StatusMessage
      code="404"
      icon={<CompassIcon className="size-6" />}
      title={t("notFoundTitle")}
      actions={
        <LinkButton href="/" variant="primary">
          {t("backToDashboard")}
        </LinkButton>
      }
    >
      {t("notFoundBody")}
    </StatusMessage>
  );
}
