-- inventory_summary.last_movement_at came from a correlated max(ledger_entries.created_at) per
-- product. With statistics that lag behind a fast-growing ledger (right after a bulk import, or in
-- the tests) the planner ran it as a sequential scan of the ledger per product, and a refresh took
-- minutes. Only movements change a stock row, and stock_write stamps every row it changes, so the
-- latest updated_at of a product's stock rows is its last movement — already in the join.
DROP MATERIALIZED VIEW inventory_summary;

CREATE MATERIALIZED VIEW inventory_summary AS
SELECT p.id AS product_id,
       p.sku,
       COALESCE(sum(s.quantity), 0)::bigint AS on_hand,
       COALESCE(sum(s.reserved), 0)::bigint AS reserved,
       COALESCE(sum(s.quantity - s.reserved), 0)::bigint AS available,
       count(s.id) FILTER (WHERE s.quantity > 0)::int AS locations,
       max(s.updated_at) AS last_movement_at
FROM products p
LEFT JOIN stock_levels s ON s.product_id = p.id
WHERE p.deleted_at IS NULL
GROUP BY p.id, p.sku;

CREATE UNIQUE INDEX inventory_summary_product_id_key ON inventory_summary (product_id);
