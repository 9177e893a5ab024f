import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { formatDateTime } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { CheckCircleIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requireActor, requirePage } from "@/lib/auth/session";
import { listFailedJobs, queueDashboard, RUNNABLE_JOBS, type FailedJob } from "@/lib/queue/dashboard";
import { RemoveJobButton, RetryJobButton, RunNowButton } from "./job-buttons";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("sections.queues.title") };
}

export const dynamic = "force-dynamic";

const COUNTS = ["waiting", "active", "delayed", "failed", "completed"] as const;

export default async function QueuesPage() {
  await requirePage("queue.manage", "/admin/queues");
  const actor = await requireActor();
  const [t, ta, format] = await Promise.all([getTranslations("queues"), getTranslations("admin"), getFormatter()]);
  const dash = await queueDashboard(actor);
  const failed: FailedJob[] = dash.redis === "ok" ? await listFailedJobs(actor, { limit: 50 }).catch(() => []) : [];
  const schedules = dash.queues.flatMap((q) => q.schedules.map((s) => ({ ...s, queue: q.name })));
  const runnable = new Set<string>(RUNNABLE_JOBS);

  return (
    <>
      <PageHeader title={ta("sections.queues.title")} description={t("subtitle")} actions={<RunNowButton job="stock.refresh-summary" label={t("refreshSummary")} />} />
      {dash.redis === "down" ? (
        <Alert tone="warning" className="mb-6">
          {t("redisDown")}
        </Alert>
      ) : null}

      <div className="mb-6 grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Card className="p-5">
          <p className="text-sm font-medium text-zinc-500">{t("outboxPending")}</p>
          <p className="mt-1 text-3xl font-semibold tracking-tight text-zinc-900 tabular" data-testid="outbox-pending">
            {format.number(dash.outbox.pending)}
          </p>
          <p className="mt-1 text-xs text-zinc-500">{t("outboxHint")}</p>
        </Card>
        <Card className="p-5">
          <p className="text-sm font-medium text-zinc-500">{t("outboxRejected")}</p>
          <p className="mt-1 text-3xl font-semibold tracking-tight text-zinc-900 tabular">{format.number(dash.outbox.rejected)}</p>
          {dash.outbox.latestRejected.slice(0, 3).map((r) => (
            <p key={r.id} className="mt-1 truncate font-mono text-xs text-red-700" title={r.error}>
              #{r.id} {r.eventType}: {r.error}
            </p>
          ))}
        </Card>
      </div>

      <Card className="mb-6">
        <CardHeader title={t("queue")} />
        <Table>
          <thead>
            <tr>
              <Th>{t("queue")}</Th>
              {COUNTS.map((c) => (
                <Th key={c} className="text-right">
                  {t(c)}
                </Th>
              ))}
            </tr>
          </thead>
          <tbody>
            {dash.queues.map((q) => (
              <Tr key={q.name}>
                <Td>
                  <span className="font-mono font-medium text-zinc-900">{q.name}</span>
                  <span className="block text-xs text-zinc-500">{t.has(`descriptions.${q.name}`) ? t(`descriptions.${q.name}`) : q.description}</span>
                  <span className="block text-xs text-zinc-400">{t("concurrency", { n: q.concurrency, attempts: q.attempts })}</span>
                </Td>
                {COUNTS.map((c) => (
                  <Td key={c} className="text-right tabular" data-testid={`${q.name}-${c}`}>
                    {c === "failed" && q.counts.failed > 0 ? <Badge tone="danger">{format.number(q.counts.failed)}</Badge> : format.number(q.counts[c])}
                  </Td>
                ))}
              </Tr>
            ))}
          </tbody>
        </Table>
      </Card>

      <Card className="mb-6">
        <CardHeader title={t("schedules")} />
        <Table>
          <thead>
            <tr>
              <Th>{t("schedule")}</Th>
              <Th>{t("job")}</Th>
              <Th>{t("pattern")}</Th>
              <Th>{t("next")}</Th>
              <Th>
                <span className="sr-only">{t("actions")}</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {schedules.map((s) => (
              <Tr key={`${s.queue}/${s.id}`}>
                <Td className="font-medium text-zinc-900">{s.id}</Td>
                <Td className="font-mono text-xs">{s.job}</Td>
                <Td className="font-mono text-xs">{s.pattern}</Td>
                <Td className="font-mono text-xs tabular">{s.next ? formatDateTime(s.next) : "—"}</Td>
                <Td className="text-right">{runnable.has(s.job) ? <RunNowButton job={s.job} /> : null}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      </Card>

      <Card>
        <CardHeader title={t("failedJobs")} />
        {failed.length === 0 ? (
          <EmptyState icon={<CheckCircleIcon />} title={t("noFailed")} />
        ) : (
          <ul className="divide-y divide-zinc-100" aria-label={t("failedJobs")}>
            {failed.map((j) => (
              <li key={`${j.queue}/${j.id}`} className="space-y-2 px-4 py-3 sm:px-5">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <p className="flex flex-wrap items-center gap-2">
                      <Badge tone="danger">{j.queue}</Badge>
                      <span className="font-mono text-sm font-medium text-zinc-900">{j.name}</span>
                    </p>
                    <p className="mt-0.5 font-mono text-xs break-all text-zinc-500">{j.id}</p>
                  </div>
                  <div className="flex items-start gap-2">
                    <RetryJobButton queue={j.queue} id={j.id} />
                    <RemoveJobButton queue={j.queue} id={j.id} name={j.name} />
                  </div>
                </div>
                <p className="text-sm break-words text-red-700">
                  <span className="font-medium">{t("error")}:</span> {j.error}
                </p>
                <p className="text-xs text-zinc-500 tabular">
                  {t("attempts")}: {j.attemptsMade}/{j.attempts}
                  {j.failedAt ? ` · ${t("failedAt")}: ${formatDateTime(j.failedAt)}` : ""}
                </p>
                <details>
                  <summary className="cursor-pointer text-xs font-medium text-zinc-500">{t("payload")}</summary>
                  <pre className="mt-1 max-h-48 overflow-auto rounded-lg bg-zinc-50 p-2 font-mono text-xs text-zinc-800">{JSON.stringify(j.data, null, 2)}</pre>
                  {j.stack ? <pre className="mt-1 max-h-48 overflow-auto rounded-lg bg-zinc-50 p-2 font-mono text-xs text-zinc-500">{j.stack}</pre> : null}
                </details>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
