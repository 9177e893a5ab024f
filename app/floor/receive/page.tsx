import { getTranslations } from "next-intl/server";
import { MovementFlow } from "@/components/floor/movement-flow";
import { requireFloor } from "../access";
import { resolveScanAction, stockAtAction } from "../actions";

export default async function ReceivePage() {
  await requireFloor("/floor/receive", "movement.post");
  const t = await getTranslations("floor");
  return (
    <>
      <h1 className="sr-only">{t("receive")}</h1>
      <MovementFlow mode="in" resolve={resolveScanAction} stockAt={stockAtAction} />
    </>
  );
}
