-- Serial item lists (issue 16): the list pages newest first (ORDER BY id DESC) filtered by status and
-- by product + status. With id in the index the page is read straight off it; without it PostgreSQL
-- walked the primary key backwards and filtered (110 ms at 100k items when the product held none).
-- The (status, id) and (product_id, status, id) indexes replace (status) and (product_id, status).

-- DropIndex
DROP INDEX "serial_items_product_id_status_idx";

-- DropIndex
DROP INDEX "serial_items_status_idx";

-- CreateIndex
CREATE INDEX "serial_items_status_id_idx" ON "serial_items"("status", "id");

-- CreateIndex
CREATE INDEX "serial_items_product_id_status_id_idx" ON "serial_items"("product_id", "status", "id");
