import { recomputeInStock } from "../../lib/stock/recompute-in-stock";
import type { Processor } from "./types";

export const recomputeInStockProcessor: Processor<"stock.in-stock"> = (data) => recomputeInStock(data.productId);
