import { getTranslations } from "next-intl/server";
import { Lookup } from "@/components/floor/lookup";
import { requireFloor } from "../access";
import { lookupAction } from "../actions";

export default async function LookupPage() {
  await requireFloor("/floor/lookup", "stock.read");
  const t = await getTranslations("floor");
  return (
    <>
      <h1 className="sr-only">{t("lookup")}</h1>
      <Lookup lookup={lookupAction} />
    </>
  );
}
