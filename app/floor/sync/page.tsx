import { getTranslations } from "next-intl/server";
import { SyncScreen } from "@/components/floor/sync-screen";
import { requireFloor } from "../access";

export default async function SyncPage() {
  await requireFloor("/floor/sync");
  const t = await getTranslations("floor");
  return (
    <>
      <h1 className="sr-only">{t("sync")}</h1>
      <SyncScreen />
    </>
  );
}
