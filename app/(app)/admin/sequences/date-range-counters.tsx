"use client";
// The counter of each period of a sequence, editable one at a time (e.g. to continue a year that
// started in another system). Validated with the server's schema before it is sent.
import { useTranslations } from "next-intl";
import { toast } from "@/components/ui/toast";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { dateRangeUpdateSchema, type DateRangeDto } from "@/lib/numbering/schemas";
import { updateDateRangeAction } from "./actions";

export function DateRangeCounters({ ranges }: { ranges: DateRangeDto[] }) {
  const t = useTranslations("sequences");
  if (ranges.length === 0) return <p className="text-sm text-gray-600">{t("ranges.none")}</p>;
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{t("ranges.caption")}</caption>
      <thead>
        <tr className="border-b border-gray-200">
          <th scope="col" className="py-2 pr-4 font-medium">
            {t("ranges.from")}
          </th>
          <th scope="col" className="py-2 pr-4 font-medium">
            {t("ranges.to")}
          </th>
          <th scope="col" className="py-2 font-medium">
            {t("ranges.next")}
          </th>
        </tr>
      </thead>
      <tbody>
        {ranges.map((r) => (
          <RangeRow key={r.id} range={r} />
        ))}
      </tbody>
    </table>
  );
}

function RangeRow({ range }: { range: DateRangeDto }) {
  const t = useTranslations("sequences");
  const router = useRouter();
  const [value, setValue] = useState(String(range.numberNext));
  const [message, setMessage] = useState<{ kind: "saved" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const names = { from: range.dateFrom, to: range.dateTo };

  async function save() {
    const parsed = dateRangeUpdateSchema.safeParse({ numberNext: Number(value) });
    if (!parsed.success || value.trim() === "") {
      setMessage({ kind: "error", text: t("errors.numberNext") });
      return;
    }
    setBusy(true);
    const r = await updateDateRangeAction(range.id, parsed.data);
    setBusy(false);
    if (!r.ok) {
      const text = t(r.error.code === "FORBIDDEN" ? "errors.forbidden" : "errors.generic");
      setMessage({ kind: "error", text });
      toast.error(text);
      return;
    }
    toast.success(t("toast.counterSaved"));
    setMessage({ kind: "saved", text: t("ranges.saved") });
    router.refresh();
  }

  return (
    <tr className="border-b border-gray-100">
      <td className="py-2 pr-4 font-mono">{range.dateFrom}</td>
      <td className="py-2 pr-4 font-mono">{range.dateTo}</td>
      <td className="py-2">
        <div className="flex flex-wrap items-center gap-2">
          <input
            type="number"
            inputMode="numeric"
            min={1}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-label={t("ranges.nextFor", names)}
            aria-invalid={message?.kind === "error" ? true : undefined}
            className="w-32 rounded-md border border-gray-300 px-2 py-1"
          />
          <button
            type="button"
            onClick={save}
            disabled={busy || value === String(range.numberNext)}
            aria-label={t("ranges.saveFor", names)}
            className="rounded-md border border-gray-300 px-3 py-1 hover:bg-gray-50 disabled:opacity-50"
          >
            {t("ranges.save")}
          </button>
          {message ? (
            <span role={message.kind === "error" ? "alert" : "status"} className={message.kind === "error" ? "text-red-700" : "text-green-700"}>
              {message.text}
            </span>
          ) : null}
        </div>
      </td>
    </tr>
  );
}
