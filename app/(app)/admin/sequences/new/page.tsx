// Admin → Sequences → New (admin only).
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePage } from "@/lib/auth/session";
import { listCompanies } from "@/lib/numbering/list-companies";
import { SequenceForm } from "../sequence-form";
import { SequencesIntl } from "../sequences-intl";
import { todayIn } from "../today";

export async function generateMetadata() {
  const t = await getTranslations("sequences");
  return { title: t("newSequence") };
}

export default async function NewSequencePage() {
  const user = await requirePage("sequence.manage", "/admin/sequences/new");
  const t = await getTranslations("sequences");
  const companies = await listCompanies({ id: user.id, role: user.role, channel: "web" });
  return (
    <section className="mx-auto max-w-6xl p-4 sm:p-6">
      <Link href="/admin/sequences" className="text-sm text-blue-700 hover:underline">
        ← {t("back")}
      </Link>
      <h1 className="mt-2 text-2xl font-semibold">{t("newSequence")}</h1>
      <div className="mt-6">
        <SequencesIntl>
          {/* A new sequence is shared until a company is chosen: UTC until then. */}
          <SequenceForm companies={companies} today={todayIn("UTC")} />
        </SequencesIntl>
      </div>
    </section>
  );
}
