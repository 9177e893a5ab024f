-- Integrity (issue 14): unambiguous product codes, tracking changes only without stock, counts that
-- never overwrite later movements, location capacity, an append-only audit log, and a transfer
-- whose two ends name the same location refused. The rules are in docs/product.md §1 and §2.

-- 1. Product codes. A scanned or typed code must reach exactly one product: no product's SKU or
-- barcode may equal, ignoring case, any OTHER product's SKU or barcode (a product's barcode may
-- equal its own SKU). Soft-deleted products keep their codes (restoring one can never clash).
--
-- Existing data: a database that already holds clashes cannot be given these rules silently (which
-- of two products should a scan find?), so the migration stops and lists them; fix them (change a
-- SKU or barcode) and migrate again. The demo seed has none.
DO $$
DECLARE
  v_clashes text;
BEGIN
  SELECT string_agg(format('"%s" (%s)', c.code, c.products), '; ' ORDER BY c.code) INTO v_clashes
  FROM (
    SELECT x.code, string_agg(DISTINCT x.sku || ' ' || x.field, ', ') AS products
    FROM (SELECT id, sku, lower(sku) AS code, 'SKU' AS field FROM products
          UNION ALL
          SELECT id, sku, lower(barcode), 'barcode' FROM products WHERE barcode IS NOT NULL) x
    GROUP BY x.code
    HAVING count(DISTINCT x.id) > 1
  ) c;
  IF v_clashes IS NOT NULL THEN
    RAISE EXCEPTION 'Product codes clash (case-insensitively, SKU against barcode too): %', v_clashes
      USING HINT = 'Give each of these products its own SKU/barcode, then run the migration again.';
  END IF;
END;
$$;

-- The same column, ignoring case: plain unique indexes (they also serve the lookups).
CREATE UNIQUE INDEX "products_lower_sku_key" ON "products" (lower("sku"));
CREATE UNIQUE INDEX "products_lower_barcode_key" ON "products" (lower("barcode"));

-- Across the two columns an index cannot say it, so a trigger checks it. Two concurrent inserts of
-- clashing codes share at least one code, so each first takes a transaction-level advisory lock
-- per code it writes (lower-cased, in sorted order): the second waits until the first commits and
-- its check — a new statement, hence a new snapshot under READ COMMITTED — then sees the first row.
-- (Every writer of products runs at READ COMMITTED, PostgreSQL's and Prisma's default.) It raises a
-- unique violation of products_sku_key / products_barcode_key, so every caller maps it to DUPLICATE
-- naming the field, like any other duplicate.
CREATE FUNCTION products_codes_unique() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_codes text[] := ARRAY(SELECT DISTINCT c FROM unnest(ARRAY[lower(NEW.sku), lower(NEW.barcode)]) AS c WHERE c IS NOT NULL ORDER BY c);
  v_other record;
  v_field text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('products.code:' || c, 0)) FROM unnest(v_codes) AS c ORDER BY c;
  SELECT p.sku, p.barcode INTO v_other FROM products p
  WHERE p.id <> NEW.id AND (lower(p.sku) = ANY(v_codes) OR lower(p.barcode) = ANY(v_codes))
  ORDER BY p.sku LIMIT 1;
  IF FOUND THEN
    v_field := CASE WHEN lower(NEW.sku) IN (lower(v_other.sku), lower(v_other.barcode)) THEN 'sku' ELSE 'barcode' END;
    RAISE EXCEPTION USING ERRCODE = 'unique_violation', CONSTRAINT = 'products_' || v_field || '_key', TABLE = 'products',
      MESSAGE = format('%s "%s" is already used by product %s.', CASE v_field WHEN 'sku' THEN 'SKU' ELSE 'Barcode' END,
                       CASE v_field WHEN 'sku' THEN NEW.sku ELSE NEW.barcode END, v_other.sku);
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER products_codes_unique BEFORE INSERT OR UPDATE OF sku, barcode ON products
  FOR EACH ROW EXECUTE FUNCTION products_codes_unique();

-- 2. Counts record what the system expected at the moment a line was counted (the level then) and
-- that moment's snapshot, so approval posts counted − expected on top of whatever was moved since
-- (a receipt between counting and approval is kept), and the review lists the ledger rows the
-- snapshot did not see. Lines counted before this migration have neither (NULL): approval sets
-- them to the counted figure, as it used to.
ALTER TABLE "count_lines" ADD COLUMN "expected" INTEGER;
ALTER TABLE "count_lines" ADD COLUMN "snapshot" pg_snapshot;

-- 3. The audit log is append-only, like the ledger. No code path updates or deletes audit rows
-- (the daily cleanup deletes idempotency keys, outbox rows and emails only).
CREATE FUNCTION audit_logs_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_logs is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_logs_no_update_delete
  BEFORE UPDATE OR DELETE ON "audit_logs"
  FOR EACH ROW EXECUTE FUNCTION audit_logs_append_only();
CREATE TRIGGER audit_logs_no_truncate
  BEFORE TRUNCATE ON "audit_logs"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_logs_append_only();

-- 4. stock_post (rules at the top of 20261122070000_movement_one_call), three additions:
--  * a transfer whose from and to resolve to the same location (one named by code, the other by
--    barcode) is refused with the other resolution issues (WS001, VALIDATION_FAILED);
--  * capacity (2b and 4b below): WS006 (VALIDATION_FAILED with location, capacity, holds, adding,
--    wouldHold); locations without a capacity take no extra lock and no extra query;
--  * tracking changed (or the product deleted) while the movement was being posted (6b): WS001.
DROP FUNCTION stock_location(text);
CREATE FUNCTION stock_location(p_code text) RETURNS TABLE (id uuid, code text, active boolean, capacity int)
LANGUAGE sql STABLE AS $$
  (SELECT x.id, x.code, x.active, x.capacity FROM locations x WHERE x.code = upper(p_code))
  UNION ALL (SELECT x.id, x.code, x.active, x.capacity FROM locations x WHERE x.barcode = p_code)
  LIMIT 1
$$;

CREATE OR REPLACE FUNCTION stock_post(p_actor uuid, p_channel "Channel", p_req jsonb, p_key text, p_hash text, p_at timestamptz,
                           p_key_expires timestamptz, p_wait_ms int, p_attempts int)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_type "MovementType" := (p_req->>'type')::"MovementType";
  v_lines jsonb := p_req->'lines';
  v_n int := jsonb_array_length(p_req->'lines');
  v_today text := to_char(p_at AT TIME ZONE 'UTC', 'YYYYMMDD');
  v_hash text;
  v_body jsonb;
  -- per line, 1-based: resolved product, its SKU and tracking; locations (id, code, active)
  l_prod uuid[]; l_sku text[]; l_track text[];
  l_loc uuid[]; l_loc_code text[]; l_loc_active boolean[];
  l_from uuid[]; l_from_code text[]; l_from_active boolean[];
  l_to uuid[]; l_to_code text[]; l_to_active boolean[];
  l_loc_cap int[]; l_to_cap int[]; -- capacity of the location / destination (NULL: unlimited)
  v_cap_locs uuid[] := '{}'; -- the locations this movement puts into that have a capacity, locked
  v_cap record;
  l_id uuid[];
  l_qty int[] := '{}';
  v_issues jsonb[] := '{}';
  e_rows stock_ledger_row[] := '{}'; -- in order
  v_results jsonb[] := '{}';
  -- the line being applied
  j jsonb;
  v_q int;
  v_cost numeric;
  v_take int; v_take_loc uuid; v_take_code text; v_check boolean;
  v_put int; v_put_loc uuid;
  v_left int; v_bal int; v_avail int; v_res int; v_counted int; v_delta int; v_part_qty int;
  v_lot record;
  t_parts stock_portion[]; -- what this line took, or puts
  v_part stock_portion;
  v_lots jsonb[];
  v_put_bal int;
  v_lot_id uuid; v_lot_cost numeric;
  v_line jsonb;
  -- the document
  v_seq record;
  v_number text;
  v_id uuid := uuid_v7(p_at);
  v_result jsonb;
  v_reason text;
BEGIN
  IF p_key IS NOT NULL THEN
    IF NOT pg_try_advisory_xact_lock(hashtextextended(p_actor::text || ':' || p_key, 0)) THEN
      RAISE EXCEPTION 'A request with this Idempotency-Key is still being processed; retry shortly.' USING ERRCODE = 'WS003';
    END IF;
    DELETE FROM idempotency_keys k WHERE k.actor_id = p_actor AND k.key = p_key AND k.expires_at <= now();
    SELECT k.request_hash, k.response_body INTO v_hash, v_body FROM idempotency_keys k WHERE k.actor_id = p_actor AND k.key = p_key;
    IF FOUND THEN
      RETURN jsonb_build_object('replay', true, 'hash', v_hash, 'result', v_body);
    END IF;
  END IF;

  -- 2. resolve
  SELECT array_agg(p.id ORDER BY t.n), array_agg(p.sku ORDER BY t.n), array_agg(p.tracking ORDER BY t.n),
         array_agg(a.id ORDER BY t.n), array_agg(a.code ORDER BY t.n), array_agg(a.active ORDER BY t.n),
         array_agg(f.id ORDER BY t.n), array_agg(f.code ORDER BY t.n), array_agg(f.active ORDER BY t.n),
         array_agg(d.id ORDER BY t.n), array_agg(d.code ORDER BY t.n), array_agg(d.active ORDER BY t.n),
         array_agg(uuid_v7(p_at) ORDER BY t.n), array_agg(a.capacity ORDER BY t.n), array_agg(d.capacity ORDER BY t.n)
    INTO l_prod, l_sku, l_track, l_loc, l_loc_code, l_loc_active, l_from, l_from_code, l_from_active,
         l_to, l_to_code, l_to_active, l_id, l_loc_cap, l_to_cap
  FROM jsonb_array_elements(v_lines) WITH ORDINALITY AS t(j, n)
  LEFT JOIN LATERAL (
    (SELECT x.id, x.sku, x.tracking::text AS tracking FROM products x WHERE x.sku = t.j->>'sku' AND x.deleted_at IS NULL)
    UNION ALL
    (SELECT x.id, x.sku, x.tracking::text FROM products x WHERE x.barcode = t.j->>'sku' AND x.deleted_at IS NULL)
    LIMIT 1
  ) p ON true
  LEFT JOIN LATERAL stock_location(t.j->>'location') a ON true
  LEFT JOIN LATERAL stock_location(t.j->>'from') f ON true
  LEFT JOIN LATERAL stock_location(t.j->>'to') d ON true;

  FOR i IN 1..v_n LOOP
    j := v_lines->(i - 1);
    IF l_prod[i] IS NULL THEN
      v_issues := array_append(v_issues, jsonb_build_object('path', format('lines.%s.sku', i - 1), 'message', format('Unknown SKU or barcode "%s".', j->>'sku')));
    ELSIF l_track[i] = 'serial' THEN
      v_issues := array_append(v_issues, jsonb_build_object('path', format('lines.%s.sku', i - 1), 'message', format('%s is serial-tracked and moves by serial number only.', l_sku[i])));
    END IF;
    v_issues := v_issues || array_remove(ARRAY[
      stock_location_issue(format('lines.%s.location', i - 1), j->>'location', l_loc_code[i], l_loc_active[i]),
      stock_location_issue(format('lines.%s.from', i - 1), j->>'from', l_from_code[i], l_from_active[i]),
      stock_location_issue(format('lines.%s.to', i - 1), j->>'to', l_to_code[i], l_to_active[i])], NULL);
    -- The same place named twice (e.g. once by code, once by barcode) is still the same place.
    IF v_type = 'transfer' AND l_from[i] = l_to[i] THEN
      v_issues := array_append(v_issues, jsonb_build_object('path', format('lines.%s.to', i - 1), 'message',
        format('"%s" and "%s" are the same location (%s); a transfer needs two different locations.', j->>'from', j->>'to', l_to_code[i])));
    END IF;
  END LOOP;
  IF cardinality(v_issues) > 0 THEN
    RAISE EXCEPTION USING ERRCODE = 'WS001', MESSAGE = v_issues[1]->>'message', DETAIL = jsonb_build_object('issues', to_jsonb(v_issues))::text;
  END IF;

  -- 2b. capacity: the locations this movement puts into that have a capacity are locked (FOR NO KEY
  -- UPDATE: it does not block the foreign-key checks of other movements' rows, only other puts and
  -- edits of the location), in id order and always BEFORE any stock row — so every movement takes
  -- locks in the order locations, then stock rows (product, location), and none deadlock. Checked
  -- after the lines are applied (4b). Locations without a capacity cost nothing here.
  IF v_type IN ('in', 'transfer') AND cardinality(array_remove(CASE WHEN v_type = 'transfer' THEN l_to_cap ELSE l_loc_cap END, NULL)) > 0 THEN
    SELECT array_agg(x.id ORDER BY x.id) INTO v_cap_locs FROM (
      SELECT y.id FROM locations y
      WHERE y.id = ANY(SELECT u.l FROM unnest(CASE WHEN v_type = 'transfer' THEN l_to ELSE l_loc END,
                                               CASE WHEN v_type = 'transfer' THEN l_to_cap ELSE l_loc_cap END) AS u(l, c) WHERE u.c IS NOT NULL)
      ORDER BY y.id FOR NO KEY UPDATE) x;
  END IF;

  -- 3. create the rows the movement adds to, then lock every touched row in the global order
  INSERT INTO stock_levels (id, product_id, location_id, quantity, reserved, updated_at)
  SELECT uuid_v7(p_at), t.p, t.l, 0, 0, p_at
  FROM (SELECT DISTINCT x.p, x.l FROM unnest(l_prod, CASE WHEN v_type = 'transfer' THEN l_to ELSE l_loc END) AS x(p, l)) t
  WHERE v_type IN ('in', 'adjust', 'transfer')
  ORDER BY t.p, t.l
  ON CONFLICT (product_id, location_id) DO NOTHING;

  PERFORM 1
  FROM stock_levels s
  JOIN (SELECT DISTINCT x.p, x.l FROM unnest(l_prod || l_prod, CASE WHEN v_type = 'transfer' THEN l_from || l_to ELSE l_loc || l_loc END) AS x(p, l)) t
    ON s.product_id = t.p AND s.location_id = t.l
  ORDER BY s.product_id, s.location_id
  FOR UPDATE OF s;

  -- 4. apply the lines in order
  FOR i IN 1..v_n LOOP
    j := v_lines->(i - 1);
    v_q := (j->>'quantity')::int;
    v_cost := (j->>'unitCost')::numeric;
    v_take := 0; v_put := 0; v_check := true; v_delta := NULL;
    t_parts := '{}';
    v_lots := '{}';
    CASE v_type
      WHEN 'in' THEN
        v_put := v_q; v_put_loc := l_loc[i];
      WHEN 'out', 'write_off' THEN
        v_take := v_q; v_take_loc := l_loc[i]; v_take_code := l_loc_code[i];
      WHEN 'transfer' THEN
        v_take := v_q; v_take_loc := l_from[i]; v_take_code := l_from_code[i];
        v_put_loc := l_to[i];
      WHEN 'adjust' THEN
        v_counted := (j->>'counted')::int;
        SELECT s.quantity INTO v_bal FROM stock_levels s WHERE s.product_id = l_prod[i] AND s.location_id = l_loc[i];
        v_delta := v_counted - v_bal;
        v_check := false;
        IF v_delta < 0 THEN
          v_take := -v_delta; v_take_loc := l_loc[i]; v_take_code := l_loc_code[i];
        ELSIF v_delta > 0 THEN
          v_put := v_delta; v_put_loc := l_loc[i];
        ELSE
          -- A count that confirms the quantity is still a fact worth keeping in the ledger.
          e_rows := array_append(e_rows, ROW(i, l_prod[i], l_loc[i], NULL, 0, v_bal, NULL)::stock_ledger_row);
        END IF;
        UPDATE stock_levels s SET last_counted_at = p_at, updated_at = p_at WHERE s.product_id = l_prod[i] AND s.location_id = l_loc[i];
    END CASE;

    -- take v_take from (product, v_take_loc): availability, lots FEFO/FIFO, ledger rows
    IF v_take > 0 THEN
      UPDATE stock_levels s SET quantity = s.quantity - v_take, updated_at = p_at
      WHERE s.product_id = l_prod[i] AND s.location_id = v_take_loc AND (NOT v_check OR s.quantity - s.reserved >= v_take)
      RETURNING s.quantity INTO v_res;
      IF NOT FOUND THEN
        SELECT s.quantity - s.reserved INTO v_avail FROM stock_levels s WHERE s.product_id = l_prod[i] AND s.location_id = v_take_loc;
        v_avail := greatest(0, COALESCE(v_avail, 0));
        RAISE EXCEPTION USING ERRCODE = 'WS002',
          MESSAGE = format('Not enough %s at %s: requested %s, available %s.', l_sku[i], v_take_code, v_take, v_avail),
          DETAIL = jsonb_build_object('sku', l_sku[i], 'location', v_take_code, 'requested', v_take, 'available', v_avail, 'line', i)::text;
      END IF;
      v_left := v_take;
      IF l_track[i] = 'lot' THEN
        IF j ? 'lot' THEN
          UPDATE lots x SET quantity = x.quantity - v_take
          WHERE x.product_id = l_prod[i] AND x.location_id = v_take_loc AND x.code = j->>'lot' AND x.quantity >= v_take
          RETURNING x.id, x.code, x.unit_cost, x.received_at, x.expires_at INTO v_lot;
          IF NOT FOUND THEN
            SELECT x.quantity INTO v_avail FROM lots x WHERE x.product_id = l_prod[i] AND x.location_id = v_take_loc AND x.code = j->>'lot';
            RAISE EXCEPTION USING ERRCODE = 'WS002',
              MESSAGE = format('Not enough of lot %s of %s at %s.', j->>'lot', l_sku[i], v_take_code),
              DETAIL = jsonb_build_object('sku', l_sku[i], 'location', v_take_code, 'lot', j->>'lot', 'requested', v_take,
                                          'available', COALESCE(v_avail, 0), 'line', i)::text;
          END IF;
          t_parts := ARRAY[ROW(v_lot.id, v_lot.code, v_take, v_lot.unit_cost, v_lot.received_at, v_lot.expires_at)::stock_portion];
          v_left := 0;
        ELSE
          FOR v_lot IN
            SELECT x.id, x.code, x.quantity, x.unit_cost, x.received_at, x.expires_at FROM lots x
            WHERE x.product_id = l_prod[i] AND x.location_id = v_take_loc AND x.quantity > 0
            ORDER BY x.expires_at NULLS LAST, x.received_at, x.code COLLATE "C"
          LOOP
            EXIT WHEN v_left = 0;
            v_part_qty := least(v_lot.quantity, v_left);
            UPDATE lots x SET quantity = x.quantity - v_part_qty WHERE x.id = v_lot.id;
            t_parts := array_append(t_parts, ROW(v_lot.id, v_lot.code, v_part_qty, v_lot.unit_cost, v_lot.received_at, v_lot.expires_at)::stock_portion);
            v_left := v_left - v_part_qty;
          END LOOP;
        END IF;
      END IF;
      IF v_left > 0 THEN -- untracked, or stock received before the product became lot-tracked
        t_parts := array_append(t_parts, ROW(NULL, NULL, v_left, NULL, NULL, NULL)::stock_portion);
      END IF;
      v_bal := v_res + v_take; -- the balance before, stepped down portion by portion
      FOREACH v_part IN ARRAY t_parts LOOP
        v_bal := v_bal - v_part.quantity;
        e_rows := array_append(e_rows, ROW(i, l_prod[i], v_take_loc, v_part.lot, -v_part.quantity, v_bal, v_part.unit_cost)::stock_ledger_row);
        IF v_part.lot IS NOT NULL THEN
          v_lots := array_append(v_lots, jsonb_build_object('code', v_part.code, 'quantity', v_part.quantity));
        END IF;
      END LOOP;
    END IF;

    -- put: a receipt or a positive count as one portion, a transfer as the portions it took
    IF v_type <> 'transfer' THEN
      t_parts := CASE WHEN v_put > 0 THEN ARRAY[ROW(NULL,
        CASE WHEN l_track[i] = 'lot' THEN COALESCE(j->>'lot', CASE WHEN v_type = 'in' THEN 'L' ELSE 'ADJ' END || v_today) END,
        v_put, v_cost, p_at, CASE WHEN v_type = 'in' THEN (j->>'expiresAt')::date END)::stock_portion] ELSE '{}' END;
    END IF;
    FOREACH v_part IN ARRAY t_parts LOOP
      v_lot_id := NULL; v_lot_cost := NULL;
      IF v_part.code IS NOT NULL THEN
        INSERT INTO lots AS x (id, product_id, location_id, code, received_at, expires_at, quantity, unit_cost, created_at)
        VALUES (uuid_v7(p_at), l_prod[i], v_put_loc, v_part.code, COALESCE(v_part.received_at, p_at), v_part.expires_at, v_part.quantity, v_part.unit_cost, p_at)
        ON CONFLICT (product_id, location_id, code) DO UPDATE SET quantity = x.quantity + EXCLUDED.quantity
        RETURNING x.id, x.unit_cost INTO v_lot_id, v_lot_cost;
      END IF;
      UPDATE stock_levels s SET quantity = s.quantity + v_part.quantity, updated_at = p_at
      WHERE s.product_id = l_prod[i] AND s.location_id = v_put_loc
      RETURNING s.quantity INTO v_put_bal;
      e_rows := array_append(e_rows, ROW(i, l_prod[i], v_put_loc, v_lot_id, v_part.quantity, v_put_bal, COALESCE(v_part.unit_cost, v_lot_cost))::stock_ledger_row);
    END LOOP;

    v_line := CASE v_type
      WHEN 'in' THEN jsonb_build_object('sku', l_sku[i], 'location', l_loc_code[i], 'quantity', v_q, 'balance', v_put_bal)
      WHEN 'transfer' THEN jsonb_build_object('sku', l_sku[i], 'from', l_from_code[i], 'to', l_to_code[i], 'quantity', v_q,
                                              'fromBalance', v_bal, 'toBalance', v_put_bal)
      WHEN 'adjust' THEN jsonb_build_object('sku', l_sku[i], 'location', l_loc_code[i], 'quantity', abs(v_delta), 'counted', v_counted,
                                            'delta', v_delta, 'balance', v_counted)
      ELSE jsonb_build_object('sku', l_sku[i], 'location', l_loc_code[i], 'quantity', v_q, 'balance', v_bal)
    END;
    IF v_put > 0 AND (t_parts[1]).code IS NOT NULL THEN
      v_lots := ARRAY[jsonb_build_object('code', (t_parts[1]).code, 'quantity', v_put)];
    END IF;
    IF cardinality(v_lots) > 0 THEN
      v_line := v_line || jsonb_build_object('lots', to_jsonb(v_lots));
    END IF;
    v_results := array_append(v_results, v_line);
    l_qty := array_append(l_qty, (v_line->>'quantity')::int);
  END LOOP;

  -- 4b. capacity (product.md §2): a location that this movement adds to on balance must not end up
  -- holding more units, all products together, than its capacity. Its row is locked (2b), so two
  -- puts into the same location are serialised and the second one sees the first one's units.
  IF cardinality(v_cap_locs) > 0 THEN
    FOR v_cap IN
      SELECT x.code, x.capacity, m.added, m.line, (SELECT COALESCE(sum(s.quantity), 0) FROM stock_levels s WHERE s.location_id = x.id)::bigint AS total
      FROM locations x
      JOIN (SELECT e.location, sum(e.delta) AS added, max(e.line) FILTER (WHERE e.delta > 0) AS line FROM unnest(e_rows) e GROUP BY e.location) m
        ON m.location = x.id
      WHERE x.id = ANY(v_cap_locs) AND x.capacity IS NOT NULL AND m.added > 0
      ORDER BY x.code
    LOOP
      IF v_cap.total > v_cap.capacity THEN
        v_reason := format('Location %s holds at most %s units: it holds %s, and this movement would bring it to %s.',
                           v_cap.code, v_cap.capacity, v_cap.total - v_cap.added, v_cap.total);
        RAISE EXCEPTION USING ERRCODE = 'WS006', MESSAGE = v_reason,
          DETAIL = jsonb_build_object('location', v_cap.code, 'capacity', v_cap.capacity, 'holds', v_cap.total - v_cap.added,
            'adding', v_cap.added, 'wouldHold', v_cap.total, 'line', v_cap.line,
            'issues', jsonb_build_array(jsonb_build_object('path', format('lines.%s.%s', v_cap.line - 1, CASE WHEN v_type = 'transfer' THEN 'to' ELSE 'location' END),
                                                           'message', v_reason)))::text;
      END IF;
    END LOOP;
  END IF;

  -- 5. the number, as late as possible
  SELECT r.* INTO v_seq FROM numbering_next('stock.move.' || v_type, NULL, NULL, p_at, p_at, p_wait_ms, p_attempts) r;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'WS005', MESSAGE = format('No active sequence with code "stock.move.%s".', v_type),
      DETAIL = jsonb_build_object('code', 'stock.move.' || v_type)::text;
  END IF;
  IF v_seq.value IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'WS004', MESSAGE = format('stock.move.%s has no date range for %s yet.', v_type, v_seq.eff),
      DETAIL = jsonb_build_object('code', 'stock.move.' || v_type)::text;
  END IF;
  v_number := numbering_format(v_seq.prefix, v_seq.suffix, v_seq.padding, v_seq.value, v_seq.eff, v_seq.range_from, v_seq.cur);

  -- 6. the document and everything that goes with it
  v_result := jsonb_build_object(
    'id', v_id, 'number', v_number, 'type', v_type, 'reference', p_req->>'reference',
    'createdAt', to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'lines', to_jsonb(v_results));
  v_reason := COALESCE(p_req->>'reason', CASE WHEN v_type = 'write_off' THEN (
    SELECT x.j->>'reason' FROM jsonb_array_elements(v_lines) WITH ORDINALITY AS x(j, n) WHERE x.j ? 'reason' ORDER BY x.n LIMIT 1) END);

  INSERT INTO movements (id, number, type, reference, note, reason, actor_id, channel, created_at)
  VALUES (v_id, v_number, v_type, p_req->>'reference', p_req->>'note', v_reason, p_actor, p_channel, p_at);

  INSERT INTO movement_lines (id, movement_id, line_no, product_id, from_location_id, to_location_id, quantity, counted, lot_code, unit_cost)
  SELECT l_id[t.n], v_id, t.n::int, l_prod[t.n],
         CASE WHEN v_type = 'transfer' THEN l_from[t.n] WHEN v_type = 'in' THEN NULL ELSE l_loc[t.n] END,
         CASE WHEN v_type = 'transfer' THEN l_to[t.n] WHEN v_type IN ('in', 'adjust') THEN l_loc[t.n] END,
         l_qty[t.n], (t.j->>'counted')::int, t.j->>'lot', (t.j->>'unitCost')::numeric
  FROM jsonb_array_elements(v_lines) WITH ORDINALITY AS t(j, n);

  INSERT INTO ledger_entries (movement_id, line_id, product_id, location_id, lot_id, delta, balance, unit_cost, created_at)
  SELECT v_id, l_id[e.line], e.product, e.location, e.lot, e.delta, e.balance, e.unit_cost, p_at
  FROM unnest(e_rows) WITH ORDINALITY AS e(line, product, location, lot, delta, balance, unit_cost, n)
  ORDER BY e.n;

  -- 6b. tracking (product.md §1): it changes only while a product has no stock, and the product
  -- editor holds the product row FOR UPDATE while it checks. The movement_lines/ledger_entries
  -- inserts above take FOR KEY SHARE on each product (their foreign keys), so they waited for such
  -- an edit; this statement then sees what it committed. Resolved as one tracking, now another (or
  -- deleted): nothing is posted.
  IF EXISTS (SELECT 1 FROM unnest(l_prod, l_track, l_sku) AS u(p, t, s) JOIN products x ON x.id = u.p
             WHERE x.tracking::text <> u.t OR x.deleted_at IS NOT NULL) THEN
    RAISE EXCEPTION USING ERRCODE = 'WS001',
      MESSAGE = 'A product of this movement was changed (tracking or deleted) while it was being posted; nothing was posted. Try again.',
      DETAIL = jsonb_build_object('issues', jsonb_build_array(jsonb_build_object('path', 'lines',
        'message', 'A product of this movement was changed (tracking or deleted) while it was being posted; nothing was posted. Try again.')))::text;
  END IF;

  INSERT INTO audit_logs (actor_id, action, entity, entity_id, after, channel, created_at)
  VALUES (p_actor, 'movement.post', 'movement', v_id::text, v_result, p_channel, p_at);

  INSERT INTO outbox_events (event_type, payload, created_at)
  VALUES ('movement.posted', jsonb_build_object('movementId', v_id, 'type', v_type, 'productIds', (
    SELECT jsonb_agg(x.p ORDER BY x.first) FROM (SELECT u.p, min(u.n) AS first FROM unnest(l_prod) WITH ORDINALITY AS u(p, n) GROUP BY u.p) x)), p_at);

  IF p_key IS NOT NULL THEN
    INSERT INTO idempotency_keys (actor_id, key, request_hash, response_status, response_body, movement_id, created_at, expires_at)
    VALUES (p_actor, p_key, p_hash, 201, v_result, v_id, p_at, p_key_expires);
  END IF;

  RETURN jsonb_build_object('replay', false, 'result', v_result);
END;
$$;

-- CREATE OR REPLACE resets the function's settings: the same as before (20261122070000).
ALTER FUNCTION stock_post(uuid, "Channel", jsonb, text, text, timestamptz, timestamptz, int, int)
  SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION stock_post(uuid, "Channel", jsonb, text, text, timestamptz, timestamptz, int, int)
  SET lock_timeout = '10s';
