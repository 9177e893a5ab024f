import { getTranslations } from "next-intl/server";
import { PickFlow } from "@/components/floor/pick-flow";
import { requireFloor } from "../access";
import { resolveScanAction } from "../actions";
import { openPickListsAction, pickLineAction, pickListAction } from "../pick-actions";

// /floor/pick, and /floor/pick?list=WH/PICK/2026/00001 (opens that list): picking customer orders
// line by line in walking order (docs/floor.md "Picking").
export default async function PickPage({ searchParams }: { searchParams: Promise<{ list?: string | string[] }> }) {
  const { list } = await searchParams;
  const initialList = typeof list === "string" && list.trim() ? list.trim().slice(0, 64) : undefined;
  await requireFloor(initialList ? `/floor/pick?list=${encodeURIComponent(initialList)}` : "/floor/pick", "sales.pick");
  const t = await getTranslations("floor");
  return (
    <>
      <h1 className="sr-only">{t("picking.title")}</h1>
      <PickFlow actions={{ open: openPickListsAction, load: pickListAction, pick: pickLineAction, resolve: resolveScanAction }} initialList={initialList} />
    </>
  );
}
