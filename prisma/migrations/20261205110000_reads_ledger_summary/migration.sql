-- A per-product and per-day summary of the ledger, for the reads that aggregated history on every
-- page view: slow movers (last outbound per product), valuation (last receipt cost per product,
-- totals over every product), the dashboard (30-day in/out chart, top movers, units on hand) and
-- reorder suggestions (30 days of consumption per product). At 100,000 products and 1,000,000
-- ledger rows they took 0.5–16 s; worse, their per-product subqueries were planned from whatever
-- statistics there were, and on a demo database whose statistics predated a few thousand movements
-- (autovacuum off or behind) slow movers scanned every outbound movement once per line of every
-- product: 9.5–14 s at 1,000 products.
--
-- Exact, not a cache. The summary holds the FOLDED movements: every movement whose first ledger row
-- has an id <= ledger_summary_state.ledger_id, each folded exactly once, as a whole. Readers add the
-- movements not folded yet (the "tail": a ledger row after that id and none before it, a short range
-- of the ledger's primary key) with the same functions, so what they show equals a computation from
-- the whole ledger at that moment. Nothing here runs in the movement's transaction (stock_post is
-- unchanged); the worker's summary job folds (lib/stock/ledger-summary.ts via
-- refreshInventorySummary), and a late fold only makes the tail longer.
--
-- Folding through id V is safe once every transaction that may hold a ledger id <= V has ended:
-- ids are handed out by a sequence while the inserting transaction runs, so a smaller id can commit
-- after a larger one. The job reads the sequence, then takes a snapshot, then waits until the
-- oldest running transaction is younger than that snapshot (see lib/stock/ledger-summary.ts).
-- Movement attributes used (type, created_at, lines, lot costs) never change after the movement.

-- CreateTable
CREATE TABLE "ledger_summary_state" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "ledger_id" BIGINT NOT NULL DEFAULT 0,
    "currency" CHAR(3),
    "on_hand" BIGINT NOT NULL DEFAULT 0,
    "value" DECIMAL(30,4) NOT NULL DEFAULT 0,
    "uncosted" BIGINT NOT NULL DEFAULT 0,
    "uncosted_products" INTEGER NOT NULL DEFAULT 0,
    "stocked_products" INTEGER NOT NULL DEFAULT 0,
    "window_days" INTEGER NOT NULL DEFAULT 30,
    "window_start" DATE,
    "folded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_summary_state_pkey" PRIMARY KEY ("id"),
    -- raw: one row
    CONSTRAINT "ledger_summary_state_one_row" CHECK ("id" = 1)
);

-- CreateTable
CREATE TABLE "product_ledger_summary" (
    "product_id" UUID NOT NULL,
    "on_hand" BIGINT NOT NULL DEFAULT 0,
    "lot_quantity" BIGINT NOT NULL DEFAULT 0,
    "lot_value" DECIMAL(30,4) NOT NULL DEFAULT 0,
    "foreign_quantity" BIGINT NOT NULL DEFAULT 0,
    "last_movement_at" TIMESTAMPTZ(3),
    "last_out_at" TIMESTAMPTZ(3),
    "last_receipt_at" TIMESTAMPTZ(3),
    "last_receipt_line" INTEGER,
    "last_receipt_cost" DECIMAL(18,4),
    "value" DECIMAL(30,4) NOT NULL DEFAULT 0,
    "uncosted" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "product_ledger_summary_pkey" PRIMARY KEY ("product_id")
);

-- CreateTable
CREATE TABLE "daily_movement_summary" (
    "day" DATE NOT NULL,
    "type" "MovementType" NOT NULL,
    "movements" INTEGER NOT NULL DEFAULT 0,
    "lines" INTEGER NOT NULL DEFAULT 0,
    "units" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "daily_movement_summary_pkey" PRIMARY KEY ("day","type")
);

-- CreateTable
CREATE TABLE "daily_product_outbound" (
    "product_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "units" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "daily_product_outbound_pkey" PRIMARY KEY ("product_id","day")
);

-- CreateTable
CREATE TABLE "product_outbound_window" (
    "product_id" UUID NOT NULL,
    "units" BIGINT NOT NULL,

    CONSTRAINT "product_outbound_window_pkey" PRIMARY KEY ("product_id")
);

-- CreateIndex
CREATE INDEX "daily_product_outbound_day_idx" ON "daily_product_outbound"("day");

-- CreateIndex
CREATE INDEX "product_outbound_window_units_idx" ON "product_outbound_window"("units" DESC);

-- AddForeignKey
ALTER TABLE "product_ledger_summary" ADD CONSTRAINT "product_ledger_summary_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "product_outbound_window" ADD CONSTRAINT "product_outbound_window_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "daily_product_outbound" ADD CONSTRAINT "daily_product_outbound_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- raw: the base currency (lib/reports/valuation.ts baseCurrency): lots are valued in it or apart.
CREATE FUNCTION ledger_summary_currency() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT COALESCE((SELECT base_currency::text FROM companies ORDER BY (code = 'MAIN') DESC, created_at LIMIT 1), 'CNY')
$$;

-- raw: a product's stock value and uncosted units (lib/reports/valuation.ts): costed lots at their
-- cost, the other units at the last receipt cost, or uncosted without one.
CREATE FUNCTION ledger_summary_value(p_on_hand bigint, p_lot_quantity bigint, p_lot_value numeric, p_foreign_quantity bigint, p_last_cost numeric)
RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
  SELECT p_lot_value + GREATEST(p_on_hand - p_lot_quantity - p_foreign_quantity, 0) * COALESCE(p_last_cost, 0)
$$;
CREATE FUNCTION ledger_summary_uncosted(p_on_hand bigint, p_lot_quantity bigint, p_foreign_quantity bigint, p_last_cost numeric)
RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_last_cost IS NULL THEN GREATEST(p_on_hand - p_lot_quantity - p_foreign_quantity, 0) ELSE 0 END
$$;

-- raw: the movements whose first ledger row has an id in (p_from, p_to]. With p_to = the largest
-- bigint: the movements not folded in when the summary stands at p_from.
CREATE FUNCTION ledger_movements_between(p_from bigint, p_to bigint)
RETURNS TABLE (id uuid, type "MovementType", created_at timestamptz)
LANGUAGE sql STABLE AS $$
  SELECT m.id, m.type, m.created_at
  FROM (SELECT DISTINCT e.movement_id FROM ledger_entries e WHERE e.id > p_from AND e.id <= p_to) x
  JOIN movements m ON m.id = x.movement_id
  WHERE NOT EXISTS (SELECT 1 FROM ledger_entries b WHERE b.movement_id = x.movement_id AND b.id <= p_from)
$$;

-- raw: per product, what those movements add: units on hand (Σ delta), units and value of costed
-- lots in p_currency (or without one) and units of costed lots in other currencies (lot costs and
-- currencies never change, so these are sums of deltas), the last ledger row's time, the last
-- outbound movement's time, and the latest receipt line with a unit cost (by time, then line).
CREATE FUNCTION ledger_product_facts(p_from bigint, p_to bigint, p_currency text)
RETURNS TABLE (product_id uuid, on_hand bigint, lot_quantity bigint, lot_value numeric, foreign_quantity bigint,
               last_movement_at timestamptz, last_out_at timestamptz,
               last_receipt_at timestamptz, last_receipt_line int, last_receipt_cost numeric)
LANGUAGE sql STABLE AS $$
  WITH f AS MATERIALIZED (SELECT * FROM ledger_movements_between(p_from, p_to)),
  e AS (
    SELECT e.product_id,
           sum(e.delta)::bigint AS on_hand,
           COALESCE(sum(e.delta) FILTER (WHERE lt.unit_cost IS NOT NULL AND (lt.currency IS NULL OR lt.currency = p_currency)), 0)::bigint AS lot_quantity,
           COALESCE(sum(e.delta * lt.unit_cost) FILTER (WHERE lt.unit_cost IS NOT NULL AND (lt.currency IS NULL OR lt.currency = p_currency)), 0) AS lot_value,
           COALESCE(sum(e.delta) FILTER (WHERE lt.unit_cost IS NOT NULL AND lt.currency <> p_currency), 0)::bigint AS foreign_quantity,
           max(e.created_at) AS last_movement_at,
           max(f.created_at) FILTER (WHERE f.type = 'out') AS last_out_at
    FROM f JOIN ledger_entries e ON e.movement_id = f.id LEFT JOIN lots lt ON lt.id = e.lot_id
    GROUP BY e.product_id),
  r AS (
    SELECT DISTINCT ON (ml.product_id) ml.product_id, f.created_at AS at, ml.line_no, ml.unit_cost
    FROM f JOIN movement_lines ml ON ml.movement_id = f.id
    WHERE f.type = 'in' AND ml.unit_cost IS NOT NULL
    ORDER BY ml.product_id, f.created_at DESC, ml.line_no DESC)
  SELECT e.product_id, e.on_hand, e.lot_quantity, e.lot_value, e.foreign_quantity, e.last_movement_at, e.last_out_at,
         r.at, r.line_no, r.unit_cost
  FROM e LEFT JOIN r ON r.product_id = e.product_id
$$;

-- raw: per UTC day and movement type, the movements, lines and units (Σ line quantity) they add.
CREATE FUNCTION ledger_day_facts(p_from bigint, p_to bigint)
RETURNS TABLE (day date, type "MovementType", movements int, lines int, units bigint)
LANGUAGE sql STABLE AS $$
  WITH f AS MATERIALIZED (SELECT * FROM ledger_movements_between(p_from, p_to))
  SELECT (f.created_at AT TIME ZONE 'UTC')::date, f.type, count(DISTINCT f.id)::int, count(*)::int, sum(ml.quantity)::bigint
  FROM f JOIN movement_lines ml ON ml.movement_id = f.id
  GROUP BY 1, 2
$$;

-- raw: per product and UTC day, the units of outbound (type out) lines they add. The type is tested
-- on the materialized set: pushed into the movements scan, statistics from before the first
-- outbound movement made "movements of type out" look like one row, and the planner walked them
-- all once per ledger row of the range.
CREATE FUNCTION ledger_outbound_facts(p_from bigint, p_to bigint)
RETURNS TABLE (product_id uuid, day date, units bigint)
LANGUAGE sql STABLE AS $$
  WITH f AS MATERIALIZED (SELECT * FROM ledger_movements_between(p_from, p_to))
  SELECT ml.product_id, (f.created_at AT TIME ZONE 'UTC')::date, sum(ml.quantity)::bigint
  FROM f JOIN movement_lines ml ON ml.movement_id = f.id
  WHERE f.type = 'out'
  GROUP BY 1, 2
$$;

-- raw: folds the movements whose first ledger row is in (ledger_id, p_through] into the summary and
-- moves ledger_id to p_through; the caller makes sure every transaction that may hold an id up to
-- p_through has ended. The state row also keeps totals over every product row (units, value,
-- uncosted units, products uncosted / with stock), adjusted by what the fold changes. One fold at a
-- time (the state row is locked). A new base currency splits lots differently: the summary is folded
-- again from the start. Returns the products whose row changed.
CREATE FUNCTION ledger_summary_fold(p_through bigint) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  v_from bigint;
  v_folded_currency text;
  v_currency text := ledger_summary_currency();
  v_days int;
  v_window_start date;
  v_start date;
  v_products int;
BEGIN
  INSERT INTO ledger_summary_state (id, ledger_id, currency) VALUES (1, 0, v_currency) ON CONFLICT (id) DO NOTHING;
  SELECT s.ledger_id, s.currency, s.window_days, s.window_start INTO v_from, v_folded_currency, v_days, v_window_start
  FROM ledger_summary_state s WHERE s.id = 1 FOR UPDATE;
  IF v_folded_currency IS DISTINCT FROM v_currency THEN
    DELETE FROM product_ledger_summary;
    DELETE FROM daily_movement_summary;
    DELETE FROM daily_product_outbound;
    DELETE FROM product_outbound_window;
    UPDATE ledger_summary_state SET ledger_id = 0, currency = v_currency, on_hand = 0, value = 0, uncosted = 0, uncosted_products = 0,
                                    stocked_products = 0, window_start = NULL
    WHERE id = 1;
    v_from := 0;
    v_window_start := NULL;
  END IF;

  -- The outbound window (the last window_days UTC days, today included) follows the calendar: days
  -- that left it are taken out, days that came back (a clock set back) put in again.
  v_start := (now() AT TIME ZONE 'UTC')::date - (v_days - 1);
  IF v_window_start IS NULL OR abs(v_start - v_window_start) >= v_days THEN
    DELETE FROM product_outbound_window;
    INSERT INTO product_outbound_window (product_id, units)
    SELECT o.product_id, sum(o.units) FROM daily_product_outbound o WHERE o.day >= v_start GROUP BY o.product_id HAVING sum(o.units) <> 0 ORDER BY o.product_id;
  ELSIF v_window_start <> v_start THEN
    INSERT INTO product_outbound_window AS w (product_id, units)
    SELECT o.product_id, sum(CASE WHEN o.day < v_start THEN -o.units ELSE o.units END)
    FROM daily_product_outbound o
    WHERE o.day >= least(v_window_start, v_start) AND o.day < greatest(v_window_start, v_start)
    GROUP BY o.product_id ORDER BY o.product_id
    ON CONFLICT (product_id) DO UPDATE SET units = w.units + EXCLUDED.units;
    DELETE FROM product_outbound_window WHERE units = 0;
  END IF;
  UPDATE ledger_summary_state SET window_start = v_start WHERE id = 1;

  IF p_through <= v_from THEN
    RETURN 0;
  END IF;

  -- (Temporary tables have no statistics until analyzed: the joins below would be planned blind.)
  CREATE TEMP TABLE ledger_summary_batch ON COMMIT DROP AS SELECT * FROM ledger_product_facts(v_from, p_through, v_currency);
  ALTER TABLE ledger_summary_batch ADD PRIMARY KEY (product_id);
  ANALYZE ledger_summary_batch;

  -- the totals without the rows about to change…
  UPDATE ledger_summary_state t SET on_hand = t.on_hand - x.on_hand, value = t.value - x.value, uncosted = t.uncosted - x.uncosted,
         uncosted_products = t.uncosted_products - x.uncosted_products, stocked_products = t.stocked_products - x.stocked_products
  FROM (SELECT COALESCE(sum(a.on_hand), 0) AS on_hand, COALESCE(sum(a.value), 0) AS value, COALESCE(sum(a.uncosted), 0) AS uncosted,
               count(*) FILTER (WHERE a.uncosted > 0) AS uncosted_products, count(*) FILTER (WHERE a.on_hand > 0) AS stocked_products
        FROM product_ledger_summary a JOIN ledger_summary_batch b ON b.product_id = a.product_id) x
  WHERE t.id = 1;

  INSERT INTO product_ledger_summary AS a (product_id, on_hand, lot_quantity, lot_value, foreign_quantity, last_movement_at, last_out_at,
                                          last_receipt_at, last_receipt_line, last_receipt_cost)
  SELECT b.product_id, b.on_hand, b.lot_quantity, b.lot_value, b.foreign_quantity, b.last_movement_at, b.last_out_at,
         b.last_receipt_at, b.last_receipt_line, b.last_receipt_cost
  FROM ledger_summary_batch b ORDER BY b.product_id
  ON CONFLICT (product_id) DO UPDATE SET
    on_hand = a.on_hand + EXCLUDED.on_hand,
    lot_quantity = a.lot_quantity + EXCLUDED.lot_quantity,
    lot_value = a.lot_value + EXCLUDED.lot_value,
    foreign_quantity = a.foreign_quantity + EXCLUDED.foreign_quantity,
    last_movement_at = GREATEST(a.last_movement_at, EXCLUDED.last_movement_at),
    last_out_at = GREATEST(a.last_out_at, EXCLUDED.last_out_at),
    last_receipt_at = CASE WHEN ledger_summary_newer_receipt(a.last_receipt_at, a.last_receipt_line, EXCLUDED.last_receipt_at, EXCLUDED.last_receipt_line)
                           THEN EXCLUDED.last_receipt_at ELSE a.last_receipt_at END,
    last_receipt_cost = CASE WHEN ledger_summary_newer_receipt(a.last_receipt_at, a.last_receipt_line, EXCLUDED.last_receipt_at, EXCLUDED.last_receipt_line)
                             THEN EXCLUDED.last_receipt_cost ELSE a.last_receipt_cost END,
    last_receipt_line = CASE WHEN ledger_summary_newer_receipt(a.last_receipt_at, a.last_receipt_line, EXCLUDED.last_receipt_at, EXCLUDED.last_receipt_line)
                             THEN EXCLUDED.last_receipt_line ELSE a.last_receipt_line END;
  GET DIAGNOSTICS v_products = ROW_COUNT;

  UPDATE product_ledger_summary a
  SET value = ledger_summary_value(a.on_hand, a.lot_quantity, a.lot_value, a.foreign_quantity, a.last_receipt_cost),
      uncosted = ledger_summary_uncosted(a.on_hand, a.lot_quantity, a.foreign_quantity, a.last_receipt_cost)
  FROM ledger_summary_batch b WHERE b.product_id = a.product_id;

  -- …and with them again
  UPDATE ledger_summary_state t SET on_hand = t.on_hand + x.on_hand, value = t.value + x.value, uncosted = t.uncosted + x.uncosted,
         uncosted_products = t.uncosted_products + x.uncosted_products, stocked_products = t.stocked_products + x.stocked_products
  FROM (SELECT COALESCE(sum(a.on_hand), 0) AS on_hand, COALESCE(sum(a.value), 0) AS value, COALESCE(sum(a.uncosted), 0) AS uncosted,
               count(*) FILTER (WHERE a.uncosted > 0) AS uncosted_products, count(*) FILTER (WHERE a.on_hand > 0) AS stocked_products
        FROM product_ledger_summary a JOIN ledger_summary_batch b ON b.product_id = a.product_id) x
  WHERE t.id = 1;

  INSERT INTO daily_movement_summary AS d (day, type, movements, lines, units)
  SELECT f.* FROM ledger_day_facts(v_from, p_through) f ORDER BY f.day, f.type
  ON CONFLICT (day, type) DO UPDATE SET movements = d.movements + EXCLUDED.movements, lines = d.lines + EXCLUDED.lines, units = d.units + EXCLUDED.units;

  CREATE TEMP TABLE ledger_summary_outbound ON COMMIT DROP AS SELECT * FROM ledger_outbound_facts(v_from, p_through);
  ANALYZE ledger_summary_outbound;
  INSERT INTO daily_product_outbound AS o (product_id, day, units)
  SELECT f.* FROM ledger_summary_outbound f ORDER BY f.product_id, f.day
  ON CONFLICT (product_id, day) DO UPDATE SET units = o.units + EXCLUDED.units;
  INSERT INTO product_outbound_window AS w (product_id, units)
  SELECT f.product_id, sum(f.units) FROM ledger_summary_outbound f WHERE f.day >= v_start GROUP BY f.product_id ORDER BY f.product_id
  ON CONFLICT (product_id) DO UPDATE SET units = w.units + EXCLUDED.units;

  DROP TABLE ledger_summary_batch, ledger_summary_outbound;
  UPDATE ledger_summary_state SET ledger_id = p_through, folded_at = now() WHERE id = 1;
  RETURN v_products;
END;
$$;
-- Each fold covers another range: plan its statements for the range at hand.
ALTER FUNCTION ledger_summary_fold(bigint) SET plan_cache_mode = force_custom_plan;

-- raw: is receipt (p_at, p_line) later than the stored (s_at, s_line)? (time, then line number)
CREATE FUNCTION ledger_summary_newer_receipt(s_at timestamptz, s_line int, p_at timestamptz, p_line int) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT p_at IS NOT NULL AND (s_at IS NULL OR (p_at, p_line) > (s_at, s_line))
$$;

-- raw: the history there is now. Migrations run before the app and worker start (docker compose's
-- migrate service, npm run demo, the test runners); should one run beside them anyway, the SHARE
-- lock waits for every transaction writing ledger rows to end and holds new ones back until this
-- one commits, so no ledger id below the fold's bound can commit later.
LOCK TABLE ledger_entries IN SHARE MODE;
SELECT ledger_summary_fold(COALESCE((SELECT max(id) FROM ledger_entries), 0));
