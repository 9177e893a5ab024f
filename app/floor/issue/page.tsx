import { getTranslations } from "next-intl/server";
import { MovementFlow } from "@/components/floor/movement-flow";
import { requireFloor } from "../access";
import { resolveScanAction, stockAtAction } from "../actions";

export default async function IssuePage() {
  await requireFloor("/floor/issue", "movement.post");
  const t = await getTranslations("floor");
  return (
    <>
      <h1 className="sr-only">{t("issue")}</h1>
      <MovementFlow mode="out" resolve={resolveScanAction} stockAt={stockAtAction} />
    </>
  );
}
