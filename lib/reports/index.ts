// The reports by name, for the index page and the CSV route.
import { movementHistoryReport } from "./movement-history";
import { openOrdersReport } from "./open-orders";
import type { ReportDef, ReportName } from "./report";
import { reorderReport } from "./reorder";
import { slowMoversReport } from "./slow-movers";
import { stockReport } from "./stock-on-hand";
import { valuationReport } from "./valuation";

// Each definition is typed by its own filters and rows; the registry only passes them through.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const REPORTS: Record<ReportName, ReportDef<any, any>> = {
  stock: stockReport,
  valuation: valuationReport,
  movements: movementHistoryReport,
  "slow-movers": slowMoversReport,
  reorder: reorderReport,
  "open-orders": openOrdersReport,
};
