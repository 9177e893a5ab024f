-- Every movement updates its stock_levels rows (quantity, last movement stamp). Room on each page
-- lets PostgreSQL keep those updates HOT (heap-only: no new index entries) instead of writing all
-- three indexes again whenever a page is full of dead versions — which is often where autovacuum
-- is late or off. Applies to pages written from now on; a VACUUM FULL would repack existing ones.
ALTER TABLE "stock_levels" SET (fillfactor = 70);
