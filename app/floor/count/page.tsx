import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ChevronRightIcon, ClipboardCheckIcon } from "@/components/ui/icons";
import { requireActor } from "@/lib/auth/session";
import { listCountSessions } from "@/lib/counts/count-sessions";
import { requireFloor } from "../access";

export default async function FloorCountsPage() {
  await requireFloor("/floor/count", "count.perform");
  const actor = await requireActor("handheld");
  const [t, format, sessions] = await Promise.all([getTranslations("floor"), getFormatter(), listCountSessions(actor, { status: "open" })]);
  return (
    <>
      <h1 className="mb-3 text-2xl font-bold">{t("pickCount")}</h1>
      {sessions.length === 0 ? (
        <div className="flex flex-col items-center rounded-2xl bg-white p-8 text-center shadow-sm">
          <ClipboardCheckIcon className="size-10 text-zinc-400" />
          <p className="mt-3 text-lg font-semibold">{t("noOpenCounts")}</p>
          <p className="mt-1 text-base text-zinc-600">{t("noOpenCountsHint")}</p>
        </div>
      ) : (
        <ul className="space-y-3">
          {sessions.map((s) => (
            <li key={s.id}>
              <Link href={`/floor/count/${s.id}`} className="flex items-center gap-3 rounded-2xl border-2 border-zinc-200 bg-white p-4 shadow-sm active:border-zinc-400">
                <span className="min-w-0 flex-1">
                  <span className="block font-mono text-xl font-bold">{s.number}</span>
                  <span className="mt-0.5 block truncate font-mono text-base text-zinc-700">{s.locations.join(", ")}</span>
                  <span className="mt-0.5 block text-sm text-zinc-600">{t("linesCounted", { n: format.number(s.lines) })}</span>
                </span>
                <ChevronRightIcon className="size-7 shrink-0 text-zinc-400" />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
