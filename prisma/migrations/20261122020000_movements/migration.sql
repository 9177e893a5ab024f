-- Movements engine: documents, lines, the append-only ledger, lots, outbox, idempotency keys,
-- and the views for dashboards (inventory_summary) and ERP integration (erp_inventory_view).

-- CreateEnum
CREATE TYPE "MovementType" AS ENUM ('in', 'out', 'transfer', 'adjust', 'write_off');

-- CreateTable
CREATE TABLE "movements" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "type" "MovementType" NOT NULL,
    "reference" TEXT,
    "note" TEXT,
    "reason" TEXT,
    "actor_id" UUID NOT NULL,
    "channel" "Channel" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "movements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "movement_lines" (
    "id" UUID NOT NULL,
    "movement_id" UUID NOT NULL,
    "line_no" INTEGER NOT NULL,
    "product_id" UUID NOT NULL,
    "from_location_id" UUID,
    "to_location_id" UUID,
    "quantity" INTEGER NOT NULL,
    "counted" INTEGER,
    "lot_code" TEXT,
    "unit_cost" DECIMAL(18,4),

    CONSTRAINT "movement_lines_pkey" PRIMARY KEY ("id"),
    -- raw
    CONSTRAINT "movement_lines_quantity_check" CHECK ("quantity" >= 0),
    CONSTRAINT "movement_lines_counted_check" CHECK ("counted" IS NULL OR "counted" >= 0),
    CONSTRAINT "movement_lines_location_check" CHECK ("from_location_id" IS NOT NULL OR "to_location_id" IS NOT NULL)
);

-- CreateTable
CREATE TABLE "ledger_entries" (
    "id" BIGSERIAL NOT NULL,
    "movement_id" UUID NOT NULL,
    "line_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "location_id" UUID NOT NULL,
    "lot_id" UUID,
    "delta" INTEGER NOT NULL,
    "balance" INTEGER NOT NULL,
    "unit_cost" DECIMAL(18,4),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_entries_pkey" PRIMARY KEY ("id"),
    -- raw
    CONSTRAINT "ledger_entries_balance_check" CHECK ("balance" >= 0)
);

-- CreateTable
CREATE TABLE "lots" (
    "id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "location_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" DATE,
    "quantity" INTEGER NOT NULL,
    "unit_cost" DECIMAL(18,4),
    "currency" CHAR(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lots_pkey" PRIMARY KEY ("id"),
    -- raw
    CONSTRAINT "lots_quantity_check" CHECK ("quantity" >= 0)
);

-- CreateTable
CREATE TABLE "outbox_events" (
    "id" BIGSERIAL NOT NULL,
    "event_type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dispatched_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_keys" (
    "actor_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "response_status" INTEGER NOT NULL,
    "response_body" JSONB NOT NULL,
    "movement_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("actor_id","key")
);

-- CreateIndex
CREATE UNIQUE INDEX "movements_number_key" ON "movements"("number");
CREATE INDEX "movements_type_created_at_idx" ON "movements"("type", "created_at");
CREATE INDEX "movements_created_at_idx" ON "movements"("created_at");
CREATE INDEX "movements_reference_idx" ON "movements"("reference");
CREATE INDEX "movements_actor_id_created_at_idx" ON "movements"("actor_id", "created_at");
CREATE UNIQUE INDEX "movement_lines_movement_id_line_no_key" ON "movement_lines"("movement_id", "line_no");
CREATE INDEX "movement_lines_product_id_idx" ON "movement_lines"("product_id");
CREATE INDEX "ledger_entries_product_id_location_id_id_idx" ON "ledger_entries"("product_id", "location_id", "id");
CREATE INDEX "ledger_entries_location_id_idx" ON "ledger_entries"("location_id");
CREATE INDEX "ledger_entries_movement_id_idx" ON "ledger_entries"("movement_id");
CREATE INDEX "ledger_entries_created_at_idx" ON "ledger_entries"("created_at");
CREATE UNIQUE INDEX "lots_product_id_location_id_code_key" ON "lots"("product_id", "location_id", "code");
CREATE INDEX "lots_product_id_location_id_expires_at_received_at_idx" ON "lots"("product_id", "location_id", "expires_at", "received_at");
CREATE INDEX "outbox_events_dispatched_at_id_idx" ON "outbox_events"("dispatched_at", "id");
CREATE INDEX "idempotency_keys_expires_at_idx" ON "idempotency_keys"("expires_at");

-- AddForeignKey
ALTER TABLE "movements" ADD CONSTRAINT "movements_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "movement_lines" ADD CONSTRAINT "movement_lines_movement_id_fkey" FOREIGN KEY ("movement_id") REFERENCES "movements"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "movement_lines" ADD CONSTRAINT "movement_lines_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "movement_lines" ADD CONSTRAINT "movement_lines_from_location_id_fkey" FOREIGN KEY ("from_location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "movement_lines" ADD CONSTRAINT "movement_lines_to_location_id_fkey" FOREIGN KEY ("to_location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_movement_id_fkey" FOREIGN KEY ("movement_id") REFERENCES "movements"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_line_id_fkey" FOREIGN KEY ("line_id") REFERENCES "movement_lines"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_lot_id_fkey" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "lots" ADD CONSTRAINT "lots_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "lots" ADD CONSTRAINT "lots_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- raw: the ledger is append-only. No code path may change or remove history.
CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_entries is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER ledger_entries_no_update_delete
  BEFORE UPDATE OR DELETE ON "ledger_entries"
  FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();
CREATE TRIGGER ledger_entries_no_truncate
  BEFORE TRUNCATE ON "ledger_entries"
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_append_only();

-- raw: wake the outbox dispatcher (LISTEN outbox_events) once per inserting statement.
CREATE FUNCTION outbox_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('outbox_events', '');
  RETURN NULL;
END;
$$;
CREATE TRIGGER outbox_events_notify_insert
  AFTER INSERT ON "outbox_events"
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_events_notify();

-- raw: pending outbox rows are found by a partial index, however many were dispatched.
CREATE INDEX "outbox_events_pending_idx" ON "outbox_events"("id") WHERE "dispatched_at" IS NULL;

-- raw: ERP integration view (seed 000).
CREATE VIEW erp_inventory_view AS
SELECT p.sku, l.code AS location, s.quantity
FROM stock_levels s
JOIN products p ON p.id = s.product_id
JOIN locations l ON l.id = s.location_id
WHERE p.deleted_at IS NULL;

-- raw: per-product summary for dashboards and reports, refreshed CONCURRENTLY by a job.
CREATE MATERIALIZED VIEW inventory_summary AS
SELECT p.id AS product_id,
       p.sku,
       COALESCE(sum(s.quantity), 0)::bigint AS on_hand,
       COALESCE(sum(s.reserved), 0)::bigint AS reserved,
       COALESCE(sum(s.quantity - s.reserved), 0)::bigint AS available,
       count(s.id) FILTER (WHERE s.quantity > 0)::int AS locations,
       (SELECT max(e.created_at) FROM ledger_entries e WHERE e.product_id = p.id) AS last_movement_at
FROM products p
LEFT JOIN stock_levels s ON s.product_id = p.id
WHERE p.deleted_at IS NULL
GROUP BY p.id, p.sku;
CREATE UNIQUE INDEX inventory_summary_product_id_key ON inventory_summary (product_id);

-- raw: the built-in user that jobs, imports and CLI commands act as. It cannot log in: the hash is
-- not a bcrypt hash and the account is inactive.
INSERT INTO "users" ("id", "email", "name", "password_hash", "role", "active", "updated_at")
VALUES ('00000000-0000-7000-8000-000000000000', 'system@wms.local', 'System', '!', 'admin', false, CURRENT_TIMESTAMP)
ON CONFLICT DO NOTHING;

-- raw: the hot path of lib/stock/post-movement.ts as PL/pgSQL functions, so their plans are cached
-- per connection instead of planned per call, and each step is one round trip. The logic (what to
-- lock, availability, FIFO/FEFO, balances) stays in TypeScript; these only read, lock and write.

-- Products by SKU or barcode and locations by code or barcode, for the inputs of one movement.
CREATE FUNCTION stock_resolve(p_skus text[], p_locs text[])
RETURNS TABLE (k text, id text, code text, barcode text, extra text, active boolean)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    SELECT 'p'::text, p.id::text, p.sku, p.barcode, p.tracking::text, true
    FROM products p
    WHERE p.deleted_at IS NULL AND (p.sku = ANY(p_skus) OR p.barcode = ANY(p_skus))
    UNION ALL
    SELECT 'l'::text, l.id::text, l.code, l.barcode, l.kind::text, l.active
    FROM locations l
    WHERE l.code = ANY(SELECT upper(x) FROM unnest(p_locs) AS x) OR l.barcode = ANY(p_locs);
END;
$$;

-- Creates the missing rows a movement will add to (race-free, in product/location order), then
-- locks every touched row FOR UPDATE in (product, location) order — the one global lock order —
-- and returns them, followed by the lots of the lot-tracked pairs.
CREATE FUNCTION stock_lock(p_product uuid[], p_location uuid[], p_create boolean[], p_lots boolean[])
RETURNS TABLE (kind text, id text, product_id text, location_id text, quantity int, reserved int,
               code text, received_at timestamptz, expires_at date, unit_cost text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
  INSERT INTO stock_levels (id, product_id, location_id, quantity, reserved, updated_at)
  SELECT gen_random_uuid(), t.p, t.l, 0, 0, now()
  FROM unnest(p_product, p_location, p_create) AS t(p, l, c)
  WHERE t.c
  ORDER BY t.p, t.l
  ON CONFLICT (product_id, location_id) DO NOTHING;

  RETURN QUERY
    SELECT 'level'::text, s.id::text, s.product_id::text, s.location_id::text, s.quantity, s.reserved,
           NULL::text, NULL::timestamptz, NULL::date, NULL::text
    FROM stock_levels s
    JOIN unnest(p_product, p_location) AS t(p, l) ON s.product_id = t.p AND s.location_id = t.l
    ORDER BY s.product_id, s.location_id
    FOR UPDATE OF s;

  -- Lots change only under their row's lock (taken above), so they need no lock of their own.
  RETURN QUERY
    SELECT 'lot'::text, lt.id::text, lt.product_id::text, lt.location_id::text, lt.quantity, 0,
           lt.code, lt.received_at, lt.expires_at, lt.unit_cost::text
    FROM lots lt
    JOIN unnest(p_product, p_location, p_lots) AS t(p, l, w) ON lt.product_id = t.p AND lt.location_id = t.l
    WHERE t.w;
END;
$$;

-- Writes a computed movement: document, lines, new and changed lots, ledger rows (in order),
-- final levels, audit row, outbox event and the idempotency record (when p_key is not null).
CREATE FUNCTION stock_write(
  p_id uuid, p_number text, p_type "MovementType", p_reference text, p_note text, p_reason text,
  p_actor uuid, p_channel "Channel", p_at timestamptz,
  l_id uuid[], l_product uuid[], l_from uuid[], l_to uuid[], l_quantity int[], l_counted int[], l_lot text[], l_cost text[],
  n_id uuid[], n_product uuid[], n_location uuid[], n_code text[], n_received timestamptz[], n_expires date[], n_quantity int[], n_cost text[],
  u_id uuid[], u_quantity int[],
  e_line uuid[], e_product uuid[], e_location uuid[], e_lot uuid[], e_delta int[], e_balance int[], e_cost text[],
  s_id uuid[], s_quantity int[], s_counted boolean[],
  p_result jsonb, p_outbox jsonb, p_key text, p_request_hash text, p_key_expires timestamptz
) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO movements (id, number, type, reference, note, reason, actor_id, channel, created_at)
  VALUES (p_id, p_number, p_type, p_reference, p_note, p_reason, p_actor, p_channel, p_at);

  INSERT INTO movement_lines (id, movement_id, line_no, product_id, from_location_id, to_location_id, quantity, counted, lot_code, unit_cost)
  SELECT t.id, p_id, t.n::int, t.product, t.f, t.tt, t.q, t.c, t.lot, t.cost::numeric
  FROM unnest(l_id, l_product, l_from, l_to, l_quantity, l_counted, l_lot, l_cost) WITH ORDINALITY AS t(id, product, f, tt, q, c, lot, cost, n);

  IF cardinality(n_id) > 0 THEN
    INSERT INTO lots (id, product_id, location_id, code, received_at, expires_at, quantity, unit_cost, created_at)
    SELECT t.id, t.product, t.location, t.code, t.received, t.expires, t.q, t.cost::numeric, p_at
    FROM unnest(n_id, n_product, n_location, n_code, n_received, n_expires, n_quantity, n_cost) AS t(id, product, location, code, received, expires, q, cost);
  END IF;

  IF cardinality(u_id) > 0 THEN
    UPDATE lots SET quantity = t.q FROM unnest(u_id, u_quantity) AS t(id, q) WHERE lots.id = t.id;
  END IF;

  INSERT INTO ledger_entries (movement_id, line_id, product_id, location_id, lot_id, delta, balance, unit_cost, created_at)
  SELECT p_id, t.line, t.product, t.location, t.lot, t.delta, t.balance, t.cost::numeric, p_at
  FROM unnest(e_line, e_product, e_location, e_lot, e_delta, e_balance, e_cost) WITH ORDINALITY AS t(line, product, location, lot, delta, balance, cost, n)
  ORDER BY t.n;

  UPDATE stock_levels s
  SET quantity = t.q, updated_at = p_at, last_counted_at = CASE WHEN t.c THEN p_at ELSE s.last_counted_at END
  FROM unnest(s_id, s_quantity, s_counted) AS t(id, q, c)
  WHERE s.id = t.id;

  INSERT INTO audit_logs (actor_id, action, entity, entity_id, after, channel, created_at)
  VALUES (p_actor, 'movement.post', 'movement', p_id::text, p_result, p_channel, p_at);

  INSERT INTO outbox_events (event_type, payload, created_at) VALUES ('movement.posted', p_outbox, p_at);

  IF p_key IS NOT NULL THEN
    INSERT INTO idempotency_keys (actor_id, key, request_hash, response_status, response_body, movement_id, created_at, expires_at)
    VALUES (p_actor, p_key, p_request_hash, 201, p_result, p_id, p_at, p_key_expires);
  END IF;
END;
$$;
