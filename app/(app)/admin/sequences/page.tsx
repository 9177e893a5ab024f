// Admin → Sequences: every sequence with what it issues next today (admin only).
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { HashIcon, PlusIcon } from "@/components/ui/icons";
import { requirePage } from "@/lib/auth/session";
import { listSequences } from "@/lib/numbering/list-sequences";
import { previewNumber } from "@/lib/numbering/preview";

export async function generateMetadata() {
  const t = await getTranslations("sequences");
  return { title: t("title") };
}

export default async function SequencesPage() {
  const user = await requirePage("sequence.manage", "/admin/sequences");
  const t = await getTranslations("sequences");
  const sequences = await listSequences({ id: user.id, role: user.role, channel: "web" });
  // A handful of sequences (one per document type): one cheap read each.
  const next = await Promise.all(
    sequences.map((s) => (s.active ? previewNumber(s.code, { companyId: s.company?.id }).catch(() => null) : Promise.resolve(null))),
  );

  return (
    <section className="mx-auto max-w-6xl p-4 sm:p-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <Link href="/admin/sequences/new" className="rounded-md bg-blue-700 px-4 py-2 text-sm font-semibold text-white hover:bg-blue-800">
          {t("newSequence")}
        </Link>
      </div>
      <p className="mt-2 max-w-3xl text-sm text-gray-700">{t("intro")}</p>

      {sequences.length === 0 ? (
        <div className="mt-6 rounded-xl border border-zinc-200 bg-white">
          <EmptyState
            icon={<HashIcon />}
            title={t("list.empty")}
            action={
              <LinkButton href="/admin/sequences/new" variant="primary">
                <PlusIcon className="size-4" />
                {t("list.emptyAction")}
              </LinkButton>
            }
          />
        </div>
      ) : (
        <div className="mt-6 overflow-x-auto">
          <table className="w-full min-w-[48rem] text-left text-sm">
            <caption className="sr-only">{t("list.caption")}</caption>
            <thead>
              <tr className="border-b border-gray-200">
                {(["code", "name", "company", "implementation", "reset", "next", "status"] as const).map((c) => (
                  <th key={c} scope="col" className="py-2 pr-4 font-medium">
                    {t(`list.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sequences.map((s, i) => (
                <tr key={s.id} className="border-b border-gray-100">
                  <td className="py-2 pr-4 font-mono">
                    <Link href={`/admin/sequences/${s.id}`} aria-label={t("list.edit", { code: s.code })} className="text-blue-700 underline-offset-2 hover:underline">
                      {s.code}
                    </Link>
                  </td>
                  <td className="py-2 pr-4">{s.name}</td>
                  <td className="py-2 pr-4">{s.company ? s.company.code : t("list.shared")}</td>
                  <td className="py-2 pr-4">{t(`implementation.${s.implementation}`)}</td>
                  <td className="py-2 pr-4">{s.useDateRange ? t(`rangePeriod.${s.rangePeriod}`) : t("list.never")}</td>
                  <td className="py-2 pr-4 font-mono">{next[i] ?? "—"}</td>
                  <td className="py-2 pr-4">{s.active ? t("list.active") : t("list.inactive")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
