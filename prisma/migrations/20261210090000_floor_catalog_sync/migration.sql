-- The handheld's offline catalogue (lib/floor/catalog.ts) asks "what changed since my last
-- answer?". Timestamps cannot answer that exactly: updated_at is stamped when a transaction does
-- its work, not when it commits, so a transaction that began before a read and commits after it
-- would carry a time the reader has already passed. Transaction ids can: every row below records
-- the (64-bit, never wrapping) id of the transaction that wrote it, and a reader remembers the
-- oldest transaction still running when it read (pg_snapshot_xmin). Everything it did not see was
-- written by that transaction or a later one, so the next read asks for ids >= that one.
--
-- Nullable with a default: existing rows keep NULL (written before any reader could have asked;
-- never "changed since"), so adding the columns rewrites no table.

-- Products and locations: the transaction that last changed what the handheld keeps of them. A
-- trigger restamps the row when one of those columns changes (not for in_stock, prices, …);
-- lib/stock/reconcile.ts restamps a product whose levels it corrects (those rows get no ledger row).
ALTER TABLE "products" ADD COLUMN "catalog_xid" xid8;
ALTER TABLE "products" ALTER COLUMN "catalog_xid" SET DEFAULT pg_current_xact_id();
CREATE INDEX "products_catalog_xid_idx" ON "products"("catalog_xid");

ALTER TABLE "locations" ADD COLUMN "catalog_xid" xid8;
ALTER TABLE "locations" ALTER COLUMN "catalog_xid" SET DEFAULT pg_current_xact_id();
CREATE INDEX "locations_catalog_xid_idx" ON "locations"("catalog_xid");

CREATE FUNCTION catalog_xid_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.catalog_xid := pg_current_xact_id();
  RETURN NEW;
END;
$$;

CREATE TRIGGER products_catalog_xid BEFORE UPDATE OF sku, barcode, name, unit, tracking, deleted_at ON products
  FOR EACH ROW
  WHEN ((OLD.sku, OLD.barcode, OLD.name, OLD.unit, OLD.tracking, OLD.deleted_at)
        IS DISTINCT FROM (NEW.sku, NEW.barcode, NEW.name, NEW.unit, NEW.tracking, NEW.deleted_at))
  EXECUTE FUNCTION catalog_xid_stamp();

CREATE TRIGGER locations_catalog_xid BEFORE UPDATE OF code, barcode, name, kind, active ON locations
  FOR EACH ROW
  WHEN ((OLD.code, OLD.barcode, OLD.name, OLD.kind, OLD.active)
        IS DISTINCT FROM (NEW.code, NEW.barcode, NEW.name, NEW.kind, NEW.active))
  EXECUTE FUNCTION catalog_xid_stamp();

-- Stock levels and lots change only with a ledger row (stock_post), so the ledger says which
-- product × location changed. No column or index is added to stock_levels: movements update it
-- on every post and an index there would stop its updates being HOT (20261205090000). The ledger
-- is insert-only; one more index entry per ledger row is the cost.
ALTER TABLE "ledger_entries" ADD COLUMN "xid" xid8;
ALTER TABLE "ledger_entries" ALTER COLUMN "xid" SET DEFAULT pg_current_xact_id();
CREATE INDEX "ledger_entries_xid_idx" ON "ledger_entries"("xid");
