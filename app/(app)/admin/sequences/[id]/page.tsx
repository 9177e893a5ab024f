// Admin → Sequences → one sequence: edit it, see and set the counter of each period (admin only).
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getSequence } from "@/lib/numbering/get-sequence";
import type { SequenceDto } from "@/lib/numbering/schemas";
import { DateRangeCounters } from "../date-range-counters";
import { SequenceForm } from "../sequence-form";
import { SequencesIntl } from "../sequences-intl";
import { todayIn } from "../today";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata() {
  const t = await getTranslations("sequences");
  return { title: t("title") };
}

export default async function SequencePage({ params }: Props) {
  const { id } = await params;
  const user = await requirePage("sequence.manage", `/admin/sequences/${id}`);
  const t = await getTranslations("sequences");
  let sequence: SequenceDto;
  try {
    sequence = await getSequence({ id: user.id, role: user.role, channel: "web" }, id);
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
  return (
    <section className="mx-auto max-w-6xl p-4 sm:p-6">
      <Link href="/admin/sequences" className="text-sm text-blue-700 hover:underline">
        ← {t("back")}
      </Link>
      <h1 className="mt-2 text-2xl font-semibold">{t("editTitle", { code: sequence.code })}</h1>
      <SequencesIntl>
        <div className="mt-6">
          <SequenceForm sequence={sequence} companies={[]} today={todayIn(sequence.timeZone)} />
        </div>
        <section aria-labelledby="ranges-title" className="mt-10">
          <h2 id="ranges-title" className="text-lg font-semibold">
            {t("ranges.title")}
          </h2>
          <div className="mt-3">
            <DateRangeCounters ranges={sequence.ranges} />
          </div>
        </section>
      </SequencesIntl>
    </section>
  );
}
