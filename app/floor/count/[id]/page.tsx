import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CountFlow } from "@/components/floor/count-flow";
import { requireActor } from "@/lib/auth/session";
import { getCountSession } from "@/lib/counts/count-sessions";
import { AppError } from "@/lib/errors";
import { requireFloor } from "../../access";
import { recordCountAction, resolveScanAction } from "../../actions";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function FloorCountPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireFloor(`/floor/count/${id}`, "count.perform");
  if (!UUID.test(id)) notFound();
  const actor = await requireActor("handheld");
  // getCountSession is the blind view: what was counted, never what is expected.
  const session = await getCountSession(actor, id).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const t = await getTranslations("floor");
  if (session.status !== "open") {
    return (
      <div className="rounded-2xl bg-white p-6 text-center shadow-sm">
        <h1 className="font-mono text-xl font-bold">{session.number}</h1>
        <p className="mt-2 text-lg">{t("countClosed", { status: session.status })}</p>
        <Link href="/floor/count" className="mt-4 inline-flex h-12 items-center justify-center rounded-xl border-2 border-zinc-300 px-5 text-base font-semibold">
          {t("otherCounts")}
        </Link>
      </div>
    );
  }
  return (
    <>
      <h1 className="sr-only">{t("countTitle", { number: session.number })}</h1>
      <CountFlow
        session={{ id: session.id, number: session.number, locations: session.locations }}
        initialCounted={session.counted}
        record={recordCountAction}
        resolve={resolveScanAction}
      />
    </>
  );
}
