import { getTranslations } from "next-intl/server";
import { MovementFlow } from "@/components/floor/movement-flow";
import { requireFloor } from "../access";
import { resolveScanAction, stockAtAction } from "../actions";

export default async function MovePage() {
  await requireFloor("/floor/move", "movement.post");
  const t = await getTranslations("floor");
  return (
    <>
      <h1 className="sr-only">{t("move")}</h1>
      <MovementFlow mode="transfer" resolve={resolveScanAction} stockAt={stockAtAction} />
    </>
  );
}
