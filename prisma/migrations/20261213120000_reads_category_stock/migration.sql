-- The stock report grouped by category (lib/reports/stock-on-hand.ts) read every stock row with
-- stock on each view — 150,000 rows joined to their products, then two hash aggregations: 180-230
-- ms at 100,000 products, the one report over its 150 ms target. Nothing cheaper computes it live:
-- a covering index on stock_levels would stop movements' updates being HOT (20261205090000), and
-- the join and the distinct counts cost ~110 ms even in parallel.
--
-- So the figures are folded, like the ledger summary (20261205110000), and kept exact the same way:
--   - category_stock_totals holds the report as of one snapshot (category_stock_state.snapshot):
--     per category, in each warehouse and in all of them, the products and locations with stock
--     and the units; category_location_stock the same per category and location, from which a
--     change tells whether a location gains or loses the category.
--   - The worker's summary job folds (category_stock_fold, after movements, debounced): the stock
--     rows of the products the ledger changed since the last snapshot, or everything again when
--     the last fold no longer applies (below). Nothing of it runs in the movement's transaction.
--   - A reader takes the stored totals and adds what changed since (category_stock_deltas): for
--     every product with ledger rows the stored snapshot did not see (category_stock_changes,
--     through ledger_entries.xid), its stock rows now minus what they were then. Quantities change
--     only with a ledger row (20261210090000) and a level is the sum of its ledger rows, so "then"
--     is "now" minus those rows' deltas. A few dozen rows plus the tail, however many stock rows.
--   - What the figures are keyed by can change without a ledger row: a product's category or
--     deletion, a location's warehouse, and levels a reconciliation rebuilds. Those transactions
--     stamp category_stock_state.changed_xid; a snapshot that does not see the stamp is not used
--     (readers compute live) until the next fold, which then starts again from the stock rows. Nor
--     is one folded in another cluster (a dump restored there): transaction ids are the cluster's.
--   - Reserved units are not folded: they are the sums of the open reservations (20261211150000,
--     checked by the reconciliation), read from stock_reservations.

-- CreateTable
CREATE TABLE "category_location_stock" (
    "category_id" UUID,
    "location_id" UUID NOT NULL,
    "warehouse_id" UUID NOT NULL,
    "quantity" BIGINT NOT NULL,
    "stocked" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "category_stock_totals" (
    "category_id" UUID,
    "warehouse_id" UUID,
    "products" INTEGER NOT NULL,
    "locations" INTEGER NOT NULL,
    "quantity" BIGINT NOT NULL
);

-- CreateTable
CREATE TABLE "category_stock_state" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "snapshot" pg_snapshot,
    "system_identifier" BIGINT,
    "changed_xid" xid8,
    "folded_at" TIMESTAMPTZ(3),

    CONSTRAINT "category_stock_state_pkey" PRIMARY KEY ("id"),
    -- raw
    CONSTRAINT "category_stock_state_one_row" CHECK ("id" = 1)
);

-- CreateIndex (raw: NULLS NOT DISTINCT, one row per location for its uncategorised products)
CREATE UNIQUE INDEX "category_location_stock_location_id_category_id_key" ON "category_location_stock"("location_id", "category_id") NULLS NOT DISTINCT;

-- CreateIndex (raw: NULLS NOT DISTINCT, one row per category for all warehouses)
CREATE UNIQUE INDEX "category_stock_totals_category_id_warehouse_id_key" ON "category_stock_totals"("category_id", "warehouse_id") NULLS NOT DISTINCT;

-- raw: never folded yet (readers compute from the stock rows until the worker's first summary job).
INSERT INTO "category_stock_state" ("id") VALUES (1);

-- raw: the stored snapshot when readers and the next fold may build on it: folded in this cluster
-- (a restore into another one brings transaction ids that mean nothing here) and seeing the last
-- change to what the figures are keyed by. NULL: compute from the stock rows (and fold them all).
CREATE FUNCTION category_stock_snapshot() RETURNS pg_snapshot LANGUAGE sql STABLE AS $$
  SELECT s.snapshot FROM category_stock_state s
  WHERE s.id = 1 AND s.snapshot IS NOT NULL
    AND s.system_identifier = (SELECT c.system_identifier FROM pg_control_system() c)
    AND (s.changed_xid IS NULL OR pg_visible_in_snapshot(s.changed_xid, s.snapshot))
$$;

-- raw: the stock rows of every live product with ledger rows that p_snapshot did not see: where they
-- are, the warehouse, the quantity now and then (now minus those ledger rows' deltas).
CREATE FUNCTION category_stock_changes(p_snapshot pg_snapshot)
RETURNS TABLE (category_id uuid, product_id uuid, location_id uuid, warehouse_id uuid, q_now integer, q_then bigint)
LANGUAGE sql STABLE AS $$
  WITH d AS (
    SELECT e.product_id, e.location_id, sum(e.delta) AS delta
    FROM ledger_entries e
    WHERE e.xid >= pg_snapshot_xmin(p_snapshot) AND NOT pg_visible_in_snapshot(e.xid, p_snapshot)
    GROUP BY e.product_id, e.location_id)
  SELECT p.category_id, s.product_id, s.location_id, l.warehouse_id, s.quantity, s.quantity - COALESCE(d.delta, 0)
  FROM (SELECT DISTINCT d.product_id FROM d) t
  JOIN products p ON p.id = t.product_id AND p.deleted_at IS NULL
  JOIN stock_levels s ON s.product_id = t.product_id
  JOIN locations l ON l.id = s.location_id
  LEFT JOIN d ON d.product_id = s.product_id AND d.location_id = s.location_id
$$;

-- raw: what category_stock_totals gains since p_snapshot, per category and warehouse (NULL: all
-- of them): products that have stock now and had none then count +1 (the reverse −1), locations
-- likewise (from category_location_stock, which must still be at p_snapshot), units the difference.
CREATE FUNCTION category_stock_deltas(p_snapshot pg_snapshot)
RETURNS TABLE (category_id uuid, warehouse_id uuid, products bigint, locations bigint, quantity bigint)
LANGUAGE sql STABLE AS $$
  WITH c AS MATERIALIZED (SELECT * FROM category_stock_changes(p_snapshot)),
  pairs AS (
    SELECT c.category_id, c.location_id, c.warehouse_id, sum(c.q_now - c.q_then) AS quantity,
           COALESCE(f.stocked, 0) AS stocked, sum((c.q_now > 0)::int - (c.q_then > 0)::int) AS stocked_delta
    FROM c
    LEFT JOIN category_location_stock f ON f.location_id = c.location_id AND f.category_id IS NOT DISTINCT FROM c.category_id
    GROUP BY c.category_id, c.location_id, c.warehouse_id, f.stocked),
  products AS (
    SELECT c.category_id, c.warehouse_id, bool_or(c.q_now > 0)::int - bool_or(c.q_then > 0)::int AS products
    FROM c GROUP BY GROUPING SETS ((c.category_id, c.product_id, c.warehouse_id), (c.category_id, c.product_id)))
  SELECT u.category_id, u.warehouse_id, sum(u.products)::bigint, sum(u.locations)::bigint, sum(u.quantity)::bigint
  FROM (
    SELECT x.category_id, x.warehouse_id, 0 AS products, sum((x.stocked + x.stocked_delta > 0)::int - (x.stocked > 0)::int) AS locations, sum(x.quantity) AS quantity
    FROM pairs x GROUP BY GROUPING SETS ((x.category_id, x.warehouse_id), (x.category_id))
    UNION ALL
    SELECT y.category_id, y.warehouse_id, y.products, 0, 0 FROM products y
  ) u
  GROUP BY u.category_id, u.warehouse_id
$$;

-- raw: brings the tables to the transaction's snapshot. Needs REPEATABLE READ (what it reads and the
-- snapshot it records must be one); returns 'busy' when another fold runs, else what it did.
CREATE FUNCTION category_stock_fold() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  v_snapshot pg_snapshot;
BEGIN
  IF current_setting('transaction_isolation') <> 'repeatable read' THEN
    RAISE EXCEPTION 'category_stock_fold() needs a REPEATABLE READ transaction';
  END IF;
  IF NOT pg_try_advisory_xact_lock(hashtextextended('category_stock_fold', 0)) THEN
    RETURN 'busy';
  END IF;
  v_snapshot := category_stock_snapshot();

  IF v_snapshot IS NOT NULL THEN
    -- The totals first: their deltas read category_location_stock as it was at the stored snapshot.
    INSERT INTO category_stock_totals AS t (category_id, warehouse_id, products, locations, quantity)
    SELECT d.category_id, d.warehouse_id, d.products, d.locations, d.quantity
    FROM category_stock_deltas(v_snapshot) d
    WHERE d.products <> 0 OR d.locations <> 0 OR d.quantity <> 0
    ON CONFLICT (category_id, warehouse_id) DO UPDATE
      SET products = t.products + EXCLUDED.products, locations = t.locations + EXCLUDED.locations, quantity = t.quantity + EXCLUDED.quantity;
    INSERT INTO category_location_stock AS f (category_id, location_id, warehouse_id, quantity, stocked)
    SELECT c.category_id, c.location_id, c.warehouse_id, sum(c.q_now - c.q_then), sum((c.q_now > 0)::int - (c.q_then > 0)::int)
    FROM category_stock_changes(v_snapshot) c
    GROUP BY c.category_id, c.location_id, c.warehouse_id
    ON CONFLICT (location_id, category_id) DO UPDATE SET quantity = f.quantity + EXCLUDED.quantity, stocked = f.stocked + EXCLUDED.stocked;
    DELETE FROM category_location_stock WHERE stocked = 0 AND quantity = 0;
    DELETE FROM category_stock_totals WHERE products = 0 AND locations = 0 AND quantity = 0;
    UPDATE category_stock_state SET snapshot = pg_current_snapshot(), folded_at = now() WHERE id = 1;
    RETURN 'changes';
  END IF;

  -- Never folded, or something the figures are keyed by changed since: from the stock rows.
  DELETE FROM category_location_stock;
  DELETE FROM category_stock_totals;
  CREATE TEMP TABLE category_stock_batch ON COMMIT DROP AS
  SELECT p.category_id, s.product_id, s.location_id, l.warehouse_id, s.quantity
  FROM stock_levels s
  JOIN products p ON p.id = s.product_id AND p.deleted_at IS NULL
  JOIN locations l ON l.id = s.location_id
  WHERE s.quantity > 0;
  INSERT INTO category_location_stock (category_id, location_id, warehouse_id, quantity, stocked)
  SELECT b.category_id, b.location_id, b.warehouse_id, sum(b.quantity), count(*)
  FROM category_stock_batch b GROUP BY b.category_id, b.location_id, b.warehouse_id;
  INSERT INTO category_stock_totals (category_id, warehouse_id, products, locations, quantity)
  SELECT u.category_id, u.warehouse_id, sum(u.products), sum(u.locations), sum(u.quantity)
  FROM (
    SELECT f.category_id, f.warehouse_id, 0 AS products, count(*) AS locations, sum(f.quantity) AS quantity
    FROM category_location_stock f GROUP BY GROUPING SETS ((f.category_id, f.warehouse_id), (f.category_id))
    UNION ALL
    SELECT x.category_id, x.warehouse_id, count(*), 0, 0
    FROM (SELECT DISTINCT b.category_id, b.warehouse_id, b.product_id FROM category_stock_batch b) x GROUP BY x.category_id, x.warehouse_id
    UNION ALL
    SELECT x.category_id, NULL, count(*), 0, 0
    FROM (SELECT DISTINCT b.category_id, b.product_id FROM category_stock_batch b) x GROUP BY x.category_id
  ) u
  GROUP BY u.category_id, u.warehouse_id;
  DROP TABLE category_stock_batch;
  UPDATE category_stock_state
  SET snapshot = pg_current_snapshot(), system_identifier = (SELECT c.system_identifier FROM pg_control_system() c), folded_at = now()
  WHERE id = 1;
  RETURN 'full';
END;
$$;
-- Each fold covers another range: plan its statements for the range at hand.
ALTER FUNCTION category_stock_fold() SET plan_cache_mode = force_custom_plan;

-- raw: the current transaction changes what the folded figures are keyed by: it stamps the state
-- row (once; transactions doing so take turns on it — catalogue edits and repairs, not movements).
CREATE FUNCTION category_stock_changed() RETURNS void LANGUAGE sql AS $$
  UPDATE category_stock_state SET changed_xid = pg_current_xact_id()
  WHERE id = 1 AND changed_xid IS DISTINCT FROM pg_current_xact_id()
$$;

CREATE FUNCTION category_stock_changed_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM category_stock_changed();
  RETURN NULL;
END;
$$;

CREATE TRIGGER products_category_stock AFTER UPDATE OF category_id, deleted_at ON products
  FOR EACH ROW
  WHEN (OLD.category_id IS DISTINCT FROM NEW.category_id OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
  EXECUTE FUNCTION category_stock_changed_trigger();

CREATE TRIGGER locations_category_stock AFTER UPDATE OF warehouse_id ON locations
  FOR EACH ROW
  WHEN (OLD.warehouse_id IS DISTINCT FROM NEW.warehouse_id)
  EXECUTE FUNCTION category_stock_changed_trigger();
