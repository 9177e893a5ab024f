// Admin → Audit log → one entry: who, when, through which channel, and a field-by-field diff of
// the record before and after (nested JSON as dotted paths), with the raw JSON below.
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { formatDateTime } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hrefWith } from "@/components/ui/pagination";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { auditDiff, showValue, type DiffKind } from "@/lib/audit/diff";
import { getAuditEntry } from "@/lib/audit/list-audit";
import { requireActor, requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { JsonBlock } from "../json-block";
import { actionLabel, channelLabel, subjectHref } from "../labels";

type Params = Promise<{ id: string }>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.auditDetail");
  return { title: t("title") };
}

const KIND_TONE: Record<DiffKind, "success" | "danger" | "accent"> = { added: "success", removed: "danger", changed: "accent" };

export default async function AuditEntryPage({ params }: { params: Params }) {
  const { id } = await params;
  await requirePage("audit.read", `/admin/audit/${encodeURIComponent(id)}`);
  const actor = await requireActor();
  const entry = await getAuditEntry(actor, id).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const [t, ta] = await Promise.all([getTranslations("admin.auditDetail"), getTranslations("admin")]);
  const diff = auditDiff(entry.before, entry.after);
  const href = subjectHref(entry);
  const entityLabel = ta.has(`entities.${entry.entity}`) ? ta(`entities.${entry.entity}`) : entry.entity;

  return (
    <>
      <PageHeader
        title={t("heading", { action: actionLabel(ta, entry.action) })}
        description={entry.subject ?? entry.entityId}
        back={{ href: "/admin/audit", label: ta("sections.audit.title") }}
        badge={<Badge tone="neutral">#{entry.id}</Badge>}
      />
      <div className="space-y-6">
        <Card>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-3 px-4 py-4 text-sm sm:grid-cols-2 sm:px-5 lg:grid-cols-4">
            <Item label={t("when")}>
              <span className="font-mono tabular">{formatDateTime(entry.at)}</span>
            </Item>
            <Item label={ta("actor")}>
              {entry.actor ? (
                <>
                  {entry.actor.name} <span className="block text-xs text-zinc-500">{entry.actor.email}</span>
                </>
              ) : (
                ta("system")
              )}
            </Item>
            <Item label={t("channel")}>{channelLabel(ta, entry.channel)}</Item>
            <Item label={ta("entity")}>
              {entityLabel}{" "}
              {href ? (
                <Link href={href} className="block font-medium text-accent-700 hover:underline">
                  {entry.subject ?? entry.entityId}
                </Link>
              ) : null}
              <Link href={hrefWith("/admin/audit", { entity: entry.entity, entityId: entry.entityId })} className="block text-xs font-medium text-accent-700 hover:underline">
                {t("recordHistory")}
              </Link>
            </Item>
          </dl>
        </Card>

        <Card>
          <CardHeader title={t("changes")} description={t("changesHint", { count: diff.length })} />
          {diff.length === 0 ? (
            <p className="px-4 py-4 text-sm text-zinc-500 sm:px-5">{t("noChanges")}</p>
          ) : (
            <Table>
              <caption className="sr-only">{t("changes")}</caption>
              <thead>
                <tr>
                  <Th>{t("field")}</Th>
                  <Th>{ta("before")}</Th>
                  <Th>{ta("after")}</Th>
                </tr>
              </thead>
              <tbody>
                {diff.map((row) => (
                  <Tr key={row.path}>
                    <Td className="align-top">
                      <span className="font-mono text-xs break-all text-zinc-900">{row.path}</span>
                      <Badge tone={KIND_TONE[row.kind]} className="mt-1 flex w-fit">
                        {t(`kinds.${row.kind}`)}
                      </Badge>
                    </Td>
                    <Td className="align-top">
                      {row.kind === "added" ? <span className="text-zinc-400">—</span> : <Value value={row.before} removed />}
                    </Td>
                    <Td className="align-top">
                      {row.kind === "removed" ? <span className="text-zinc-400">—</span> : <Value value={row.after} />}
                    </Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>

        <details className="rounded-xl border border-zinc-200 bg-white shadow-xs">
          <summary className="cursor-pointer px-4 py-3 text-sm font-medium text-zinc-700 sm:px-5">{t("raw")}</summary>
          <div className="grid grid-cols-1 gap-3 px-4 pb-4 sm:px-5 md:grid-cols-2">
            <JsonBlock title={ta("before")} value={entry.before} empty={ta("nothing")} />
            <JsonBlock title={ta("after")} value={entry.after} empty={ta("nothing")} />
          </div>
        </details>
      </div>
    </>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{label}</dt>
      <dd className="mt-0.5 break-words text-zinc-900">{children}</dd>
    </div>
  );
}

function Value({ value, removed }: { value: unknown; removed?: boolean }) {
  const text = showValue(value);
  return (
    <span className={`font-mono text-xs break-all whitespace-pre-wrap ${removed ? "text-red-700 line-through decoration-red-300" : "text-emerald-800"}`}>
      {text === "" ? '""' : text}
    </span>
  );
}
