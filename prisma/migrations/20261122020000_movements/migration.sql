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
