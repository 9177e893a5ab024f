-- Live product counts per category. The category tree (products, stock, labels, category pages and
-- the product form) counted every category's products on each page view: 24 bitmap scans over
-- 100,000 products, 0.35–0.7 s. The counts are now kept in the same transaction as the product
-- change, by statement-level triggers on products (one upsert per statement, not per row, so an
-- import of thousands of products costs one), and read by primary key.
--
-- Counted: products with deleted_at IS NULL and a category. Counter rows are upserted in category
-- order, so two transactions that change several categories lock them in the same order; two that
-- add products to the same category take turns on its counter (product writes are not a hot path).

-- CreateTable
CREATE TABLE "category_product_counts" (
    "category_id" UUID NOT NULL,
    "products" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "category_product_counts_pkey" PRIMARY KEY ("category_id"),
    -- raw
    CONSTRAINT "category_product_counts_products_check" CHECK ("products" >= 0)
);

-- AddForeignKey
ALTER TABLE "category_product_counts" ADD CONSTRAINT "category_product_counts_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "categories"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- raw: the counts of the products that exist now.
INSERT INTO "category_product_counts" ("category_id", "products")
SELECT "category_id", count(*) FROM "products" WHERE "category_id" IS NOT NULL AND "deleted_at" IS NULL GROUP BY "category_id";

-- raw: +1 for every counted row that appears, -1 for every one that goes, per statement. Existing
-- counters are locked in category order and updated; a category's first product inserts its counter.
CREATE FUNCTION category_product_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_ids uuid[];
  v_deltas int[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(x.category_id ORDER BY x.category_id), array_agg(x.n ORDER BY x.category_id) INTO v_ids, v_deltas
    FROM (SELECT n.category_id, count(*)::int AS n FROM new_rows n WHERE n.category_id IS NOT NULL AND n.deleted_at IS NULL GROUP BY 1) x;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(x.category_id ORDER BY x.category_id), array_agg(x.n ORDER BY x.category_id) INTO v_ids, v_deltas
    FROM (SELECT o.category_id, -count(*)::int AS n FROM old_rows o WHERE o.category_id IS NOT NULL AND o.deleted_at IS NULL GROUP BY 1) x;
  ELSE
    SELECT array_agg(x.category_id ORDER BY x.category_id), array_agg(x.n ORDER BY x.category_id) INTO v_ids, v_deltas
    FROM (SELECT y.category_id, sum(y.n)::int AS n FROM (
            SELECT n.category_id, 1 AS n FROM new_rows n WHERE n.category_id IS NOT NULL AND n.deleted_at IS NULL
            UNION ALL
            SELECT o.category_id, -1 FROM old_rows o WHERE o.category_id IS NOT NULL AND o.deleted_at IS NULL) y
          GROUP BY 1 HAVING sum(y.n) <> 0) x;
  END IF;
  IF v_ids IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM 1 FROM category_product_counts c WHERE c.category_id = ANY (v_ids) ORDER BY c.category_id FOR UPDATE;
  UPDATE category_product_counts c SET products = c.products + d.n FROM unnest(v_ids, v_deltas) AS d(id, n) WHERE c.category_id = d.id;
  INSERT INTO category_product_counts AS c (category_id, products)
  SELECT d.id, d.n FROM unnest(v_ids, v_deltas) AS d(id, n)
  WHERE NOT EXISTS (SELECT 1 FROM category_product_counts x WHERE x.category_id = d.id)
  ORDER BY d.id
  ON CONFLICT (category_id) DO UPDATE SET products = c.products + EXCLUDED.products;
  RETURN NULL;
END;
$$;

CREATE TRIGGER products_category_counts_insert AFTER INSERT ON "products"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION category_product_counts_apply();
CREATE TRIGGER products_category_counts_update AFTER UPDATE ON "products"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION category_product_counts_apply();
CREATE TRIGGER products_category_counts_delete AFTER DELETE ON "products"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION category_product_counts_apply();
