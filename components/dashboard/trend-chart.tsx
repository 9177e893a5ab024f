"use client";
// Inbound vs outbound units per day. The chart is one image to assistive technology (role="img"
// with a summary as its name); the same numbers are in a table under "Show as table".
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TrendPoint } from "@/lib/reports/dashboard";

const INBOUND = "#10b981"; // emerald-500
const OUTBOUND = "#6366f1"; // indigo-500

export function TrendChart({
  data,
  locale,
  labels,
}: {
  data: TrendPoint[];
  locale: string;
  labels: { chart: string; inbound: string; outbound: string; day: string; showTable: string; table: string };
}) {
  const nf = new Intl.NumberFormat(locale === "zh" ? "zh-CN" : "en-US");
  const short = (day: string) => day.slice(5);
  return (
    <div>
      <div role="img" aria-label={labels.chart} className="h-64 w-full sm:h-72">
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height: 256 }}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 4 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e4e4e7" />
            <XAxis dataKey="day" tickFormatter={short} tick={{ fontSize: 11, fill: "#71717a" }} tickLine={false} axisLine={{ stroke: "#d4d4d8" }} minTickGap={12} />
            {/* "auto": as wide as its longest label (a fixed width cut "1,200,000" to ",200,000"). */}
            <YAxis tickFormatter={(v: number) => nf.format(v)} tick={{ fontSize: 11, fill: "#71717a" }} tickLine={false} axisLine={false} width="auto" />
            <Tooltip formatter={(v) => nf.format(Number(v))} labelFormatter={(l) => String(l)} cursor={{ fill: "#f4f4f5" }} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="inbound" name={labels.inbound} fill={INBOUND} radius={[3, 3, 0, 0]} maxBarSize={14} isAnimationActive={false} />
            <Bar dataKey="outbound" name={labels.outbound} fill={OUTBOUND} radius={[3, 3, 0, 0]} maxBarSize={14} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details className="mt-3 text-sm">
        <summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-accent-700 hover:underline md:min-h-0">{labels.showTable}</summary>
        <div className="mt-2 max-h-72 overflow-auto rounded-lg border border-zinc-200">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">{labels.table}</caption>
            <thead className="sticky top-0 bg-zinc-50">
              <tr>
                <th scope="col" className="px-3 py-2 text-xs font-medium text-zinc-500 uppercase">{labels.day}</th>
                <th scope="col" className="px-3 py-2 text-right text-xs font-medium text-zinc-500 uppercase">{labels.inbound}</th>
                <th scope="col" className="px-3 py-2 text-right text-xs font-medium text-zinc-500 uppercase">{labels.outbound}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((p) => (
                <tr key={p.day} className="border-t border-zinc-100">
                  <th scope="row" className="px-3 py-1.5 font-normal text-zinc-700 tabular">{p.day}</th>
                  <td className="px-3 py-1.5 text-right text-zinc-700 tabular">{nf.format(p.inbound)}</td>
                  <td className="px-3 py-1.5 text-right text-zinc-700 tabular">{nf.format(p.outbound)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
