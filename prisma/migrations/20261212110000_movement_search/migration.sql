-- Movements list search (`q`, lib/stock/queries.ts listMovements): a case-insensitive substring of
-- the movement number, its reference, or the number of the document it belongs to (purchase order,
-- sales order, shipment, pick list, count session). Trigram indexes serve ILIKE '%q%'.

-- CreateIndex
CREATE INDEX "count_sessions_number_trgm_idx" ON "count_sessions" USING GIN ("number" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "movements_number_trgm_idx" ON "movements" USING GIN ("number" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "movements_reference_trgm_idx" ON "movements" USING GIN ("reference" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "pick_lists_number_trgm_idx" ON "pick_lists" USING GIN ("number" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "purchase_orders_number_trgm_idx" ON "purchase_orders" USING GIN ("number" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "sales_orders_number_trgm_idx" ON "sales_orders" USING GIN ("number" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "shipments_number_trgm_idx" ON "shipments" USING GIN ("number" gin_trgm_ops);
