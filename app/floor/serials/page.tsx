import { getTranslations } from "next-intl/server";
import { SerialFlow } from "@/components/floor/serial-flow";
import { requireFloor } from "../access";
import { resolveScanAction } from "../actions";
import { serialItemAction, serialStepAction } from "../serial-actions";

// /floor/serials: one serial item by its IMEI or identifier, and its next step (docs/floor.md).
export default async function SerialsPage() {
  await requireFloor("/floor/serials", "serial.write");
  const t = await getTranslations("floor");
  return (
    <>
      <h1 className="sr-only">{t("serial.title")}</h1>
      <SerialFlow actions={{ load: serialItemAction, step: serialStepAction, resolve: resolveScanAction }} />
    </>
  );
}
