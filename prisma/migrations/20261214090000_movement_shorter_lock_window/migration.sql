-- The hot row's locked window, shorter again. A movement on one stock row that every scanner posts
-- to at once is a lock convoy: throughput = 1 / (the time the row is held, from its lock to commit).
-- 20261213130000 took the number and the movement's own row out of that window; this one takes out
-- what else needs no balance:
--   * the outbox row (payload: the movement, its type, its products) — always;
--   * the movement's lines and the tracking re-check (6b) — whenever the movement's row is already
--     written (a standard number) and every line's quantity is known (all types but adjust, whose
--     line quantity is the counted difference). The lines' foreign keys take FOR KEY SHARE on their
--     products, which waits for a product editor's FOR UPDATE exactly as before, and the re-check
--     right after sees what that editor committed; it only happens earlier, before the stock rows.
-- The outbox id is then drawn before the lock, so ids of one hot row may commit out of id order; the
-- dispatcher takes every row not yet dispatched (not a cursor) and webhooks promise no order.
-- And the plans: the stock rows are locked one at a time by their unique (product, location) key and
-- the tracking check reads products by = ANY(array). Under the function's generic plans, a join of
-- unnest(...) with stock_levels or products was planned (a few hundred rows, as in the demo data) as a
-- sequential scan and hash join: ~0.12 + 0.07 ms of a ~1.15 ms movement. PostgreSQL alone, one client
-- posting issues (pgbench): 567 → 851 movements/s.
-- stock_post_batch gets the same plan fixes, and a per-item "requestId" (at the end of this file).
-- Lines and the tracking check become two helpers (plpgsql: their plans are cached per session, as
-- the engine's own) so the early and the late place share them.

-- Writes a movement's lines. p_qty: per line, the quantity the line moved (NULL: the quantity asked,
-- which is what every type but adjust moves).
CREATE OR REPLACE FUNCTION stock_post_lines(p_movement uuid, p_type "MovementType", p_lines jsonb, l_id uuid[], l_prod uuid[],
                                            l_loc uuid[], l_from uuid[], l_to uuid[], p_qty int[])
RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
  INSERT INTO movement_lines (id, movement_id, line_no, product_id, from_location_id, to_location_id, quantity, counted, lot_code, unit_cost)
  SELECT l_id[t.n], p_movement, t.n::int, l_prod[t.n],
         CASE WHEN p_type = 'transfer' THEN l_from[t.n] WHEN p_type = 'in' THEN NULL ELSE l_loc[t.n] END,
         CASE WHEN p_type = 'transfer' THEN l_to[t.n] WHEN p_type IN ('in', 'adjust') THEN l_loc[t.n] END,
         COALESCE(p_qty[t.n], (t.j->>'quantity')::int), (t.j->>'counted')::int, t.j->>'lot', (t.j->>'unitCost')::numeric
  FROM jsonb_array_elements(p_lines) WITH ORDINALITY AS t(j, n);
END;
$f$;

-- Tracking (product.md §1) changes only while a product has no stock, and the product editor holds the
-- product row FOR UPDATE while it checks. The movement_lines insert (stock_post_lines, called just
-- before this) takes FOR KEY SHARE on each product through its foreign key, so it waited for such an
-- edit; this statement then sees what it committed. Resolved as one tracking, now another (or
-- deleted): nothing is posted.
CREATE OR REPLACE FUNCTION stock_post_tracking_check(l_prod uuid[], l_track text[])
RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
  -- By the primary key (= ANY): a join with unnest was planned as a sequential scan of products.
  IF EXISTS (SELECT 1 FROM products x WHERE x.id = ANY(l_prod)
             AND (x.tracking::text <> l_track[array_position(l_prod, x.id)] OR x.deleted_at IS NOT NULL)) THEN
    RAISE EXCEPTION USING ERRCODE = 'WS001',
      MESSAGE = 'A product of this movement was changed (tracking or deleted) while it was being posted; nothing was posted. Try again.',
      DETAIL = jsonb_build_object('issues', jsonb_build_array(jsonb_build_object('path', 'lines',
        'message', 'A product of this movement was changed (tracking or deleted) while it was being posted; nothing was posted. Try again.')))::text;
  END IF;
END;
$f$;

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
  v_value bigint;
  v_mv_reason text;
  v_number text;
  v_id uuid := uuid_v7(p_at);
  v_result jsonb;
  v_reason text;
  -- serials (serial-tracked products): per serial named, 1-based line, the text given, the item
  s_line int[] := '{}'; s_text text[] := '{}'; s_item uuid[] := '{}';
  s_new_status text[] := '{}'; s_new_loc uuid[] := '{}';
  v_sitem record;
  v_norm text;
  i int;
  v_serials jsonb;
  v_orders text[];
  v_pair record;
  v_early boolean; -- lines, tracking check and outbox written before the stock rows are locked
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
      -- Serial-tracked (docs/serials.md): one serial (identifier or IMEI) per unit, named per line.
      v_serials := CASE WHEN jsonb_typeof(j->'serials') = 'array' THEN j->'serials' ELSE '[]'::jsonb END;
      IF v_type = 'adjust' THEN
        v_issues := array_append(v_issues, jsonb_build_object('path', format('lines.%s.sku', i - 1), 'message',
          format('%s is serial-tracked: its stock changes item by item (receive, ship, write off the serials), not by a count.', l_sku[i])));
      ELSIF jsonb_array_length(v_serials) <> (j->>'quantity')::int THEN
        v_issues := array_append(v_issues, jsonb_build_object('path', format('lines.%s.serials', i - 1), 'message',
          format('%s is serial-tracked: give one serial per unit (%s for a quantity of %s).', l_sku[i], jsonb_array_length(v_serials), j->>'quantity')));
      ELSE
        FOR v_sitem IN SELECT x.s, x.n FROM jsonb_array_elements_text(v_serials) WITH ORDINALITY AS x(s, n) LOOP
          -- an identifier in any case, with or without hyphens, or an IMEI as printed
          v_norm := lower(replace(btrim(v_sitem.s), '-', ''));
          v_norm := CASE WHEN v_norm ~ '^[0-9a-f]{48}$' THEN regexp_replace(v_norm, '(....)(?!$)', '\1-', 'g') ELSE NULL END;
          s_line := array_append(s_line, i);
          s_text := array_append(s_text, v_sitem.s);
          s_item := array_append(s_item, (
            SELECT it.id FROM serial_items it
            WHERE it.product_id = l_prod[i] AND it.deleted_at IS NULL
              AND (it.identifier = v_norm OR it.imei = regexp_replace(v_sitem.s, '[\s/-]', '', 'g'))
            LIMIT 1));
          IF s_item[cardinality(s_item)] IS NULL THEN
            v_issues := array_append(v_issues, jsonb_build_object('path', format('lines.%s.serials.%s', i - 1, v_sitem.n - 1), 'message',
              format('Unknown serial "%s" for %s.', v_sitem.s, l_sku[i])));
          ELSIF s_item[cardinality(s_item)] = ANY(s_item[1:cardinality(s_item) - 1]) THEN
            v_issues := array_append(v_issues, jsonb_build_object('path', format('lines.%s.serials.%s', i - 1, v_sitem.n - 1), 'message',
              format('Serial "%s" is named twice in this movement.', v_sitem.s)));
          END IF;
        END LOOP;
      END IF;
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

  -- 2a. the sequence, resolved before any lock (numbering_next in two halves). A standard
  -- (gap-allowed) number is drawn here: nextval takes no lock, and drawing it outside the stock rows'
  -- locks keeps it out of the window in which a hot row is held (a movement that fails on the locked
  -- rows — stock, capacity, serials — leaves a gap, as a standard sequence may). A no_gap number is
  -- drawn last (5).
  SELECT r.* INTO v_seq FROM numbering_resolve('stock.move.' || v_type, NULL, NULL, p_at, p_at) r;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'WS005', MESSAGE = format('No active sequence with code "stock.move.%s".', v_type),
      DETAIL = jsonb_build_object('code', 'stock.move.' || v_type)::text;
  END IF;
  IF v_seq.use_date_range AND v_seq.range_id IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'WS004', MESSAGE = format('stock.move.%s has no date range for %s yet.', v_type, v_seq.eff),
      DETAIL = jsonb_build_object('code', 'stock.move.' || v_type)::text;
  END IF;
  v_mv_reason := COALESCE(p_req->>'reason', CASE WHEN v_type = 'write_off' THEN (
    SELECT x.j->>'reason' FROM jsonb_array_elements(v_lines) WITH ORDINALITY AS x(j, n) WHERE x.j ? 'reason' ORDER BY x.n LIMIT 1) END);
  IF v_seq.implementation = 'standard' THEN
    v_value := nextval(numbering_pg_name(v_seq.sequence_id, v_seq.range_from::date)::regclass);
    v_number := numbering_format(v_seq.prefix, v_seq.suffix, v_seq.padding, v_value, v_seq.eff, v_seq.range_from, v_seq.cur);
    -- The movement's own row needs no balance: written now too, out of the window (any error later
    -- rolls it back with everything else). With a no_gap number it is written in 6.
    INSERT INTO movements (id, number, type, reference, note, reason, actor_id, channel, created_at)
    VALUES (v_id, v_number, v_type, p_req->>'reference', p_req->>'note', v_mv_reason, p_actor, p_channel, p_at);
  END IF;

  -- 2c. what needs no balance is written before the locks too. The outbox row (its payload is the
  -- movement, its type and products) always; with the movement's row already written (a standard
  -- number) and the quantities known (every type but adjust, whose quantity is the counted
  -- difference), its lines and the tracking check (6b) as well.
  INSERT INTO outbox_events (event_type, payload, created_at)
  VALUES ('movement.posted', jsonb_build_object('movementId', v_id, 'type', v_type, 'productIds', (
    SELECT jsonb_agg(x.p ORDER BY x.first) FROM (SELECT u.p, min(u.n) AS first FROM unnest(l_prod) WITH ORDINALITY AS u(p, n) GROUP BY u.p) x)), p_at);
  v_early := v_seq.implementation = 'standard' AND v_type <> 'adjust';
  IF v_early THEN
    PERFORM stock_post_lines(v_id, v_type, v_lines, l_id, l_prod, l_loc, l_from, l_to, NULL);
    PERFORM stock_post_tracking_check(l_prod, l_track);
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

  -- One row at a time by its unique key, in (product, location) order: a join of the pairs with
  -- stock_levels was planned (generic plan, a few hundred rows) as a sequential scan and hash join.
  FOR v_pair IN SELECT DISTINCT x.p, x.l FROM unnest(l_prod || l_prod, CASE WHEN v_type = 'transfer' THEN l_from || l_to ELSE l_loc || l_loc END) AS x(p, l)
                ORDER BY x.p, x.l LOOP
    PERFORM 1 FROM stock_levels s WHERE s.product_id = v_pair.p AND s.location_id = v_pair.l FOR UPDATE;
  END LOOP;

  -- 3b. serial items, locked after the stock rows (the global order: locations, stock rows, serial
  -- items) and checked under the lock: a receipt takes items not yet here (planned, in transit),
  -- an issue or a transfer items on hand at its source; a frozen (abnormal) item never moves.
  IF cardinality(s_item) > 0 THEN
    PERFORM 1 FROM serial_items it WHERE it.id = ANY(s_item) ORDER BY it.id FOR UPDATE;
    FOR k IN 1..cardinality(s_item) LOOP
      SELECT it.status::text AS status, it.location_id, it.abnormal_from::text AS abnormal_from, it.identifier, l.code AS at,
             (SELECT o.number FROM stock_reservations r JOIN sales_orders o ON o.id = r.order_id WHERE r.serial_item_id = it.id) AS reserved_for
        INTO v_sitem FROM serial_items it LEFT JOIN locations l ON l.id = it.location_id WHERE it.id = s_item[k];
      i := s_line[k];
      v_reason := CASE
        WHEN v_sitem.status = 'abnormal' THEN format('Serial %s is frozen (abnormal); resolve it before it moves.', s_text[k])
        WHEN v_type <> 'in' AND v_sitem.reserved_for IS NOT NULL THEN format('Serial %s is reserved for order %s.', s_text[k], v_sitem.reserved_for)
        WHEN v_type = 'in' AND v_sitem.status NOT IN ('planned', 'in_transit') THEN
          format('Serial %s is %s%s; only planned or in-transit items are received.', s_text[k], replace(v_sitem.status, '_', ' '), COALESCE(' at ' || v_sitem.at, ''))
        WHEN v_type IN ('out', 'write_off') AND (v_sitem.status <> 'arrived' OR v_sitem.location_id <> l_loc[i]) THEN
          format('Serial %s is not on hand at %s (it is %s%s).', s_text[k], l_loc_code[i], replace(v_sitem.status, '_', ' '), COALESCE(' at ' || v_sitem.at, ''))
        WHEN v_type = 'transfer' AND (v_sitem.status <> 'arrived' OR v_sitem.location_id <> l_from[i]) THEN
          format('Serial %s is not on hand at %s (it is %s%s).', s_text[k], l_from_code[i], replace(v_sitem.status, '_', ' '), COALESCE(' at ' || v_sitem.at, ''))
      END;
      IF v_reason IS NOT NULL THEN
        v_issues := array_append(v_issues, jsonb_build_object('path', format('lines.%s.serials', i - 1), 'message', v_reason,
          'serial', s_text[k], 'status', v_sitem.status));
      END IF;
      s_new_status := array_append(s_new_status, CASE v_type WHEN 'in' THEN 'arrived' WHEN 'transfer' THEN 'arrived' ELSE 'out_of_stock' END);
      s_new_loc := array_append(s_new_loc, CASE v_type WHEN 'in' THEN l_loc[i] WHEN 'transfer' THEN l_to[i] END);
    END LOOP;
    IF cardinality(v_issues) > 0 THEN
      RAISE EXCEPTION USING ERRCODE = 'WS001', MESSAGE = v_issues[1]->>'message',
        DETAIL = jsonb_build_object('reason', 'SERIAL_STATE', 'issues', to_jsonb(v_issues))::text;
    END IF;
  END IF;

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
        SELECT s.quantity, s.reserved INTO v_bal, v_res FROM stock_levels s WHERE s.product_id = l_prod[i] AND s.location_id = l_loc[i];
        IF v_counted < v_res THEN
          -- Reserved units are promised to orders: a count cannot take them away (docs/outbound.md).
          SELECT array_agg(DISTINCT o.number ORDER BY o.number) INTO v_orders FROM stock_reservations r JOIN sales_orders o ON o.id = r.order_id
          WHERE r.product_id = l_prod[i] AND r.location_id = l_loc[i];
          v_reason := format('%s at %s cannot be set to %s: %s are reserved there for %s. Re-plan or cancel those orders first.',
                             l_sku[i], l_loc_code[i], v_counted, v_res, array_to_string(v_orders, ', '));
          RAISE EXCEPTION USING ERRCODE = 'WS001', MESSAGE = v_reason,
            DETAIL = jsonb_build_object('reason', 'RESERVED', 'sku', l_sku[i], 'location', l_loc_code[i], 'reserved', v_res,
              'orders', to_jsonb(v_orders), 'issues', jsonb_build_array(jsonb_build_object('path', format('lines.%s.counted', i - 1), 'message', v_reason)))::text;
        END IF;
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
          WHERE x.product_id = l_prod[i] AND x.location_id = v_take_loc AND x.code = j->>'lot' AND x.quantity - x.reserved >= v_take
          RETURNING x.id, x.code, x.unit_cost, x.received_at, x.expires_at INTO v_lot;
          IF NOT FOUND THEN
            SELECT x.quantity - x.reserved INTO v_avail FROM lots x WHERE x.product_id = l_prod[i] AND x.location_id = v_take_loc AND x.code = j->>'lot';
            RAISE EXCEPTION USING ERRCODE = 'WS002',
              MESSAGE = format('Not enough of lot %s of %s at %s.', j->>'lot', l_sku[i], v_take_code),
              DETAIL = jsonb_build_object('sku', l_sku[i], 'location', v_take_code, 'lot', j->>'lot', 'requested', v_take,
                                          'available', COALESCE(v_avail, 0), 'line', i)::text;
          END IF;
          t_parts := ARRAY[ROW(v_lot.id, v_lot.code, v_take, v_lot.unit_cost, v_lot.received_at, v_lot.expires_at)::stock_portion];
          v_left := 0;
        ELSE
          FOR v_lot IN
            SELECT x.id, x.code, x.quantity - x.reserved AS quantity, x.unit_cost, x.received_at, x.expires_at FROM lots x
            WHERE x.product_id = l_prod[i] AND x.location_id = v_take_loc AND x.quantity - x.reserved > 0
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
    IF l_track[i] = 'serial' THEN
      v_line := v_line || jsonb_build_object('serials', (
        SELECT jsonb_agg(it.identifier ORDER BY u.k) FROM unnest(s_line, s_item) WITH ORDINALITY AS u(line, item, k)
        JOIN serial_items it ON it.id = u.item WHERE u.line = i));
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

  -- 5. a no_gap number, as late as possible (its counter stays locked until commit); a standard one
  -- was drawn in 2a
  IF v_number IS NULL THEN
    v_value := numbering_take_no_gap(v_seq.sequence_id, v_seq.range_id, p_wait_ms, p_attempts);
    IF v_value IS NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'WS004', MESSAGE = format('stock.move.%s has no date range for %s yet.', v_type, v_seq.eff),
        DETAIL = jsonb_build_object('code', 'stock.move.' || v_type)::text;
    END IF;
    v_number := numbering_format(v_seq.prefix, v_seq.suffix, v_seq.padding, v_value, v_seq.eff, v_seq.range_from, v_seq.cur);
  END IF;

  -- 6. the document and everything that goes with it
  v_result := jsonb_build_object(
    'id', v_id, 'number', v_number, 'type', v_type, 'reference', p_req->>'reference',
    'createdAt', to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'lines', to_jsonb(v_results));
  IF v_seq.implementation <> 'standard' THEN
    INSERT INTO movements (id, number, type, reference, note, reason, actor_id, channel, created_at)
    VALUES (v_id, v_number, v_type, p_req->>'reference', p_req->>'note', v_mv_reason, p_actor, p_channel, p_at);
  END IF;

  IF NOT v_early THEN
    PERFORM stock_post_lines(v_id, v_type, v_lines, l_id, l_prod, l_loc, l_from, l_to, l_qty);
  END IF;

  INSERT INTO ledger_entries (movement_id, line_id, product_id, location_id, lot_id, delta, balance, unit_cost, created_at)
  SELECT v_id, l_id[e.line], e.product, e.location, e.lot, e.delta, e.balance, e.unit_cost, p_at
  FROM unnest(e_rows) WITH ORDINALITY AS e(line, product, location, lot, delta, balance, unit_cost, n)
  ORDER BY e.n;

  IF cardinality(s_item) > 0 THEN
    INSERT INTO movement_line_serials (line_id, serial_item_id)
    SELECT l_id[u.line], u.item FROM unnest(s_line, s_item) AS u(line, item);
    WITH old AS (
      SELECT it.id, it.status::text AS status, ol.code AS loc, it.actual_arrival_at FROM serial_items it LEFT JOIN locations ol ON ol.id = it.location_id
      WHERE it.id = ANY(s_item)
    ), upd AS (
      UPDATE serial_items it SET status = u.st::"SerialStatus", location_id = u.loc, updated_at = p_at,
        actual_arrival_at = CASE WHEN v_type = 'in' THEN p_at ELSE it.actual_arrival_at END
      FROM unnest(s_item, s_new_status, s_new_loc) AS u(item, st, loc)
      WHERE it.id = u.item
      RETURNING it.id, it.status::text AS status, it.location_id, it.actual_arrival_at
    )
    INSERT INTO serial_item_history (item_id, actor_id, channel, action, changes, created_at)
    SELECT upd.id, p_actor, p_channel, 'movement.' || v_type,
      (SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(jsonb_build_object(
        'status', CASE WHEN old.status <> upd.status THEN jsonb_build_object('before', old.status, 'after', upd.status) END,
        'location', CASE WHEN old.loc IS DISTINCT FROM nl.code THEN jsonb_build_object('before', old.loc, 'after', nl.code) END,
        'actualArrivalAt', CASE WHEN old.actual_arrival_at IS DISTINCT FROM upd.actual_arrival_at THEN jsonb_build_object(
          'before', to_char(old.actual_arrival_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'after', to_char(upd.actual_arrival_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) END,
        'movement', jsonb_build_object('before', NULL, 'after', v_number))) e WHERE e.value <> 'null'::jsonb), p_at
    FROM upd JOIN old ON old.id = upd.id LEFT JOIN locations nl ON nl.id = upd.location_id;
  END IF;

  -- 6b. the tracking check (stock_post_tracking_check), here when the lines were written here
  IF NOT v_early THEN
    PERFORM stock_post_tracking_check(l_prod, l_track);
  END IF;

  INSERT INTO audit_logs (actor_id, action, entity, entity_id, after, channel, created_at)
  VALUES (p_actor, 'movement.post', 'movement', v_id::text, v_result, p_channel, p_at);

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

-- stock_post_batch, the same but for (1) plans that use the unique keys — the stock rows locked and
-- read one by one by (product, location), updated by id, the tracking check and idempotency lookups by
-- = ANY(array), where joins with unnest() were planned as sequential scans and hash joins; (2) an
-- optional "requestId" per item, written on its outbox row (a combined run carries several requests,
-- lib/stock/combine.ts; without it the row takes the transaction's wms.request_id as before).
CREATE OR REPLACE FUNCTION stock_post_batch(p_actor uuid, p_channel "Channel", p_items jsonb, p_at timestamptz,
                                 p_key_expires timestamptz, p_wait_ms int, p_attempts int)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_items int := jsonb_array_length(p_items);
  v_created text := to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
  -- per line g of the whole batch (items in order, each item's lines in order)
  g_item int[]; g_type text[]; g_j jsonb[]; g_prod uuid[]; g_sku text[]; g_ok boolean[];
  g_take uuid[]; g_take_code text[]; g_put uuid[]; g_put_code text[]; g_put_cap int[];
  g_kt int[] := '{}'; g_kp int[] := '{}'; -- the stock row a line takes from / puts into (index into k_*)
  v_lines int;
  -- the stock rows: key, product, location, must exist (puts), quantity, reserved, changed, counted
  k_txt text[] := '{}'; k_prod uuid[] := '{}'; k_loc uuid[] := '{}'; k_put boolean[] := '{}';
  k_qty int[]; k_res int[]; k_id uuid[]; v_row record; v_sid uuid; v_sq int; v_sr int; k_changed boolean[] := '{}'; k_counted boolean[] := '{}';
  -- the locations with a capacity that lines put into: id, capacity, units held
  c_loc uuid[] := '{}'; c_cap int[] := '{}'; c_total bigint[];
  -- idempotency keys: per item, the try-lock; the stored responses found
  i_locked boolean[];
  r_key text[]; r_hash text[]; r_body jsonb[];
  v_seen text[] := '{}';
  -- the item being applied; undo log for when it cannot be posted
  it int; v_cur int := 1; v_first int; v_last int;
  v_key text; v_pos int; v_fail boolean;
  j jsonb; v_q int; v_counted int; v_delta int; v_kt int; v_kp int; v_ci int;
  u_k int[]; u_qty int[]; u_changed boolean[]; u_counted boolean[];
  t_ci int[]; t_added bigint[];
  t_lines jsonb[]; t_e_line int[]; t_e_k int[]; t_e_delta int[]; t_e_bal int[]; t_e_cost numeric[];
  v_from_bal int; v_bal int;
  -- the prefix: per item its answer (posted ones get theirs once numbered) and per posted movement
  v_stop int;
  r_out jsonb[] := '{}'; r_posted int[] := '{}'; -- r_posted[i]: which posted movement answers item i (0: none)
  m_item int[] := '{}'; m_type text[] := '{}'; m_lines jsonb[] := '{}'; m_key text[] := '{}'; m_hash text[] := '{}';
  m_id uuid[]; m_number text[]; m_result jsonb[];
  -- the posted lines and ledger rows
  ml_mov int[] := '{}'; ml_no int[] := '{}'; ml_g int[] := '{}'; ml_qty int[] := '{}'; ml_id uuid[];
  e_mov int[] := '{}'; e_ml int[] := '{}'; e_k int[] := '{}'; e_delta int[] := '{}'; e_bal int[] := '{}'; e_cost numeric[] := '{}';
  v_type text; v_n int; v_seq record; v_value bigint; v_nums text[];
  v_ml int := 0;
BEGIN
  -- 1. resolve every line of every item: one query
  SELECT array_agg(x.it ORDER BY x.it, x.ln), array_agg(x.type ORDER BY x.it, x.ln), array_agg(x.j ORDER BY x.it, x.ln),
         array_agg(p.id ORDER BY x.it, x.ln), array_agg(p.sku ORDER BY x.it, x.ln),
         array_agg(p.id IS NOT NULL AND p.tracking = 'none' AND a.active AND (x.type <> 'transfer' OR (d.active AND d.id <> a.id))
                   ORDER BY x.it, x.ln),
         array_agg(CASE WHEN x.type <> 'in' THEN a.id END ORDER BY x.it, x.ln), array_agg(CASE WHEN x.type <> 'in' THEN a.code END ORDER BY x.it, x.ln),
         array_agg(CASE x.type WHEN 'transfer' THEN d.id WHEN 'in' THEN a.id WHEN 'adjust' THEN a.id END ORDER BY x.it, x.ln),
         array_agg(CASE x.type WHEN 'transfer' THEN d.code WHEN 'in' THEN a.code WHEN 'adjust' THEN a.code END ORDER BY x.it, x.ln),
         array_agg(CASE x.type WHEN 'transfer' THEN d.capacity WHEN 'in' THEN a.capacity END ORDER BY x.it, x.ln)
    INTO g_item, g_type, g_j, g_prod, g_sku, g_ok, g_take, g_take_code, g_put, g_put_code, g_put_cap
  FROM (SELECT i.it::int AS it, t.ln::int AS ln, i.x->'req'->>'type' AS type, t.j
        FROM jsonb_array_elements(p_items) WITH ORDINALITY AS i(x, it)
        CROSS JOIN LATERAL jsonb_array_elements(i.x->'req'->'lines') WITH ORDINALITY AS t(j, ln)) x
  LEFT JOIN LATERAL (
    (SELECT y.id, y.sku, y.tracking::text AS tracking FROM products y WHERE y.sku = x.j->>'sku' AND y.deleted_at IS NULL)
    UNION ALL
    (SELECT y.id, y.sku, y.tracking::text FROM products y WHERE y.barcode = x.j->>'sku' AND y.deleted_at IS NULL)
    LIMIT 1
  ) p ON true
  LEFT JOIN LATERAL stock_location(CASE WHEN x.type = 'transfer' THEN x.j->>'from' ELSE x.j->>'location' END) a ON true
  LEFT JOIN LATERAL stock_location(CASE WHEN x.type = 'transfer' THEN x.j->>'to' END) d ON true;
  v_lines := COALESCE(cardinality(g_item), 0);

  -- the stock rows and capacity locations of the lines that resolved
  FOR g IN 1..v_lines LOOP
    g_kt[g] := NULL; g_kp[g] := NULL;
    CONTINUE WHEN NOT COALESCE(g_ok[g], false);
    IF g_take[g] IS NOT NULL THEN
      v_pos := array_position(k_txt, g_prod[g]::text || g_take[g]::text);
      IF v_pos IS NULL THEN
        k_txt := k_txt || (g_prod[g]::text || g_take[g]::text); k_prod := k_prod || g_prod[g]; k_loc := k_loc || g_take[g];
        k_put := k_put || false; k_changed := k_changed || false; k_counted := k_counted || false;
        v_pos := cardinality(k_txt);
      END IF;
      g_kt[g] := v_pos;
    END IF;
    IF g_put[g] IS NOT NULL THEN
      v_pos := array_position(k_txt, g_prod[g]::text || g_put[g]::text);
      IF v_pos IS NULL THEN
        k_txt := k_txt || (g_prod[g]::text || g_put[g]::text); k_prod := k_prod || g_prod[g]; k_loc := k_loc || g_put[g];
        k_put := k_put || true; k_changed := k_changed || false; k_counted := k_counted || false;
        v_pos := cardinality(k_txt);
      ELSE
        k_put[v_pos] := true;
      END IF;
      g_kp[g] := v_pos;
      IF g_put_cap[g] IS NOT NULL AND NOT g_put[g] = ANY(c_loc) THEN
        c_loc := c_loc || g_put[g]; c_cap := c_cap || g_put_cap[g];
      END IF;
    END IF;
  END LOOP;

  -- 2. idempotency keys: try-lock each (a duplicate in flight stops the prefix there), drop the
  -- expired ones, read the stored responses
  SELECT array_agg(CASE WHEN i.x->>'key' IS NOT NULL THEN pg_try_advisory_xact_lock(hashtextextended(p_actor::text || ':' || (i.x->>'key'), 0)) END
                   ORDER BY i.it)
    INTO i_locked FROM jsonb_array_elements(p_items) WITH ORDINALITY AS i(x, it);
  IF EXISTS (SELECT 1 FROM unnest(i_locked) l WHERE l) THEN
    DELETE FROM idempotency_keys k
    WHERE k.actor_id = p_actor AND k.expires_at <= now()
      AND k.key = ANY(ARRAY(SELECT i.x->>'key' FROM jsonb_array_elements(p_items) WITH ORDINALITY AS i(x, it) WHERE i_locked[i.it]));
    SELECT array_agg(k.key), array_agg(k.request_hash), array_agg(k.response_body) INTO r_key, r_hash, r_body
    FROM idempotency_keys k
    WHERE k.actor_id = p_actor
      AND k.key = ANY(ARRAY(SELECT i.x->>'key' FROM jsonb_array_elements(p_items) WITH ORDINALITY AS i(x, it) WHERE i_locked[i.it]));
  END IF;

  -- 3. locks in the global order: capacity locations, then the stock rows (those put into created
  -- first), then read the rows' figures under the lock
  IF cardinality(c_loc) > 0 THEN
    PERFORM 1 FROM locations y WHERE y.id = ANY(c_loc) ORDER BY y.id FOR NO KEY UPDATE;
  END IF;
  IF cardinality(k_txt) > 0 THEN
    INSERT INTO stock_levels (id, product_id, location_id, quantity, reserved, updated_at)
    SELECT uuid_v7(p_at), u.p, u.l, 0, 0, p_at FROM unnest(k_prod, k_loc, k_put) AS u(p, l, put)
    WHERE u.put ORDER BY u.p, u.l
    ON CONFLICT (product_id, location_id) DO NOTHING;
    -- one row at a time by its unique key, in (product, location) order (a join with the pairs was
    -- planned as a sequential scan and hash join); its figures read under the lock
    k_id := array_fill(NULL::uuid, ARRAY[cardinality(k_txt)]);
    k_qty := array_fill(NULL::int, ARRAY[cardinality(k_txt)]);
    k_res := array_fill(NULL::int, ARRAY[cardinality(k_txt)]);
    FOR v_row IN SELECT u.p, u.l, u.n FROM unnest(k_prod, k_loc) WITH ORDINALITY AS u(p, l, n) ORDER BY u.p, u.l LOOP
      SELECT s.id, s.quantity, s.reserved INTO v_sid, v_sq, v_sr FROM stock_levels s
      WHERE s.product_id = v_row.p AND s.location_id = v_row.l FOR UPDATE;
      k_id[v_row.n] := v_sid; k_qty[v_row.n] := v_sq; k_res[v_row.n] := v_sr;
    END LOOP;
  END IF;
  IF cardinality(c_loc) > 0 THEN
    SELECT array_agg((SELECT COALESCE(sum(s.quantity), 0) FROM stock_levels s WHERE s.location_id = u.l)::bigint ORDER BY u.n) INTO c_total
    FROM unnest(c_loc) WITH ORDINALITY AS u(l, n);
  END IF;

  -- 4. the items in order, in memory, against the balances the items before them left
  FOR it IN 1..v_items LOOP
    v_first := v_cur;
    WHILE v_cur <= v_lines AND g_item[v_cur] = it LOOP v_cur := v_cur + 1; END LOOP;
    v_last := v_cur - 1;
    v_key := p_items->(it - 1)->>'key';
    IF v_key IS NOT NULL THEN
      EXIT WHEN NOT i_locked[it] OR v_key = ANY(v_seen);
      v_seen := v_seen || v_key;
      v_pos := array_position(r_key, v_key);
      IF v_pos IS NOT NULL THEN
        r_out := r_out || jsonb_build_object('replay', true, 'hash', r_hash[v_pos], 'result', r_body[v_pos]);
        r_posted := r_posted || 0;
        CONTINUE;
      END IF;
    END IF;
    v_type := p_items->(it - 1)->'req'->>'type';
    v_fail := v_last < v_first;
    u_k := '{}'; u_qty := '{}'; u_changed := '{}'; u_counted := '{}'; t_ci := '{}'; t_added := '{}';
    t_lines := '{}'; t_e_line := '{}'; t_e_k := '{}'; t_e_delta := '{}'; t_e_bal := '{}'; t_e_cost := '{}';
    FOR g IN v_first..v_last LOOP
      IF NOT COALESCE(g_ok[g], false) THEN v_fail := true; EXIT; END IF;
      j := g_j[g];
      v_kt := g_kt[g]; v_kp := g_kp[g];
      v_q := (j->>'quantity')::int;
      -- the rows this line changes, as they were (the undo log)
      FOREACH v_pos IN ARRAY array_remove(ARRAY[v_kt, v_kp], NULL) LOOP
        u_k := u_k || v_pos; u_qty := u_qty || k_qty[v_pos]; u_changed := u_changed || k_changed[v_pos]; u_counted := u_counted || k_counted[v_pos];
      END LOOP;
      CASE v_type
        WHEN 'in' THEN
          k_qty[v_kp] := k_qty[v_kp] + v_q;
          t_e_line := t_e_line || (g - v_first + 1); t_e_k := t_e_k || v_kp; t_e_delta := t_e_delta || v_q; t_e_bal := t_e_bal || k_qty[v_kp];
          t_e_cost := t_e_cost || (j->>'unitCost')::numeric;
          t_lines := t_lines || jsonb_build_object('sku', g_sku[g], 'location', g_put_code[g], 'quantity', v_q, 'balance', k_qty[v_kp]);
        WHEN 'out', 'write_off', 'transfer' THEN
          IF k_qty[v_kt] IS NULL OR k_qty[v_kt] - k_res[v_kt] < v_q THEN v_fail := true; EXIT; END IF;
          k_qty[v_kt] := k_qty[v_kt] - v_q;
          v_from_bal := k_qty[v_kt];
          t_e_line := t_e_line || (g - v_first + 1); t_e_k := t_e_k || v_kt; t_e_delta := t_e_delta || -v_q; t_e_bal := t_e_bal || v_from_bal;
          t_e_cost := t_e_cost || NULL::numeric;
          IF v_type = 'transfer' THEN
            k_qty[v_kp] := k_qty[v_kp] + v_q;
            t_e_line := t_e_line || (g - v_first + 1); t_e_k := t_e_k || v_kp; t_e_delta := t_e_delta || v_q; t_e_bal := t_e_bal || k_qty[v_kp];
            t_e_cost := t_e_cost || NULL::numeric;
            t_lines := t_lines || jsonb_build_object('sku', g_sku[g], 'from', g_take_code[g], 'to', g_put_code[g], 'quantity', v_q,
                                                     'fromBalance', v_from_bal, 'toBalance', k_qty[v_kp]);
          ELSE
            t_lines := t_lines || jsonb_build_object('sku', g_sku[g], 'location', g_take_code[g], 'quantity', v_q, 'balance', v_from_bal);
          END IF;
        WHEN 'adjust' THEN
          v_counted := (j->>'counted')::int;
          IF k_qty[v_kt] IS NULL OR v_counted < k_res[v_kt] THEN v_fail := true; EXIT; END IF;
          v_delta := v_counted - k_qty[v_kt];
          k_qty[v_kt] := v_counted;
          k_counted[v_kt] := true;
          t_e_line := t_e_line || (g - v_first + 1); t_e_k := t_e_k || v_kt; t_e_delta := t_e_delta || v_delta; t_e_bal := t_e_bal || v_counted;
          t_e_cost := t_e_cost || CASE WHEN v_delta > 0 THEN (j->>'unitCost')::numeric END;
          t_lines := t_lines || jsonb_build_object('sku', g_sku[g], 'location', g_take_code[g], 'quantity', abs(v_delta), 'counted', v_counted,
                                                   'delta', v_delta, 'balance', v_counted);
      END CASE;
      IF v_kt IS NOT NULL THEN k_changed[v_kt] := true; END IF;
      IF v_kp IS NOT NULL THEN k_changed[v_kp] := true; END IF;
    END LOOP;
    -- capacity: every location this movement adds to on balance
    IF NOT v_fail AND cardinality(c_loc) > 0 THEN
      -- (held by every movement's delta at the location; checked, as stock_post does, for receipts and transfers)
      FOR v_pos IN 1..COALESCE(cardinality(t_e_k), 0) LOOP
        v_ci := array_position(c_loc, k_loc[t_e_k[v_pos]]);
        CONTINUE WHEN v_ci IS NULL;
        c_total[v_ci] := c_total[v_ci] + t_e_delta[v_pos];
        t_ci := t_ci || v_ci; t_added := t_added || t_e_delta[v_pos]::bigint;
      END LOOP;
      v_fail := v_type IN ('in', 'transfer') AND EXISTS (SELECT 1 FROM unnest(t_ci, t_added) AS u(ci, added) GROUP BY u.ci
                        HAVING sum(u.added) > 0 AND c_total[u.ci] > c_cap[u.ci]);
      IF v_fail THEN
        FOR v_pos IN 1..cardinality(t_ci) LOOP c_total[t_ci[v_pos]] := c_total[t_ci[v_pos]] - t_added[v_pos]; END LOOP;
      END IF;
    END IF;
    IF v_fail THEN
      FOR v_pos IN REVERSE COALESCE(cardinality(u_k), 0)..1 LOOP
        k_qty[u_k[v_pos]] := u_qty[v_pos]; k_changed[u_k[v_pos]] := u_changed[v_pos]; k_counted[u_k[v_pos]] := u_counted[v_pos];
      END LOOP;
      EXIT;
    END IF;
    -- posted: its lines and ledger rows join the prefix
    m_item := m_item || it; m_type := m_type || v_type; m_lines := m_lines || to_jsonb(t_lines);
    m_key := m_key || v_key; m_hash := m_hash || (p_items->(it - 1)->>'hash');
    FOR v_pos IN 1..(v_last - v_first + 1) LOOP
      ml_mov := ml_mov || cardinality(m_item); ml_no := ml_no || v_pos; ml_g := ml_g || (v_first + v_pos - 1);
      ml_qty := ml_qty || (t_lines[v_pos]->>'quantity')::int;
    END LOOP;
    FOR v_pos IN 1..cardinality(t_e_k) LOOP
      e_mov := e_mov || cardinality(m_item); e_ml := e_ml || (v_ml + t_e_line[v_pos]); e_k := e_k || t_e_k[v_pos];
      e_delta := e_delta || t_e_delta[v_pos]; e_bal := e_bal || t_e_bal[v_pos]; e_cost := e_cost || t_e_cost[v_pos];
    END LOOP;
    v_ml := v_ml + (v_last - v_first + 1);
    r_out := r_out || NULL::jsonb;
    r_posted := r_posted || cardinality(m_item);
  END LOOP;
  v_stop := CASE WHEN cardinality(r_out) < v_items THEN cardinality(r_out) END; -- 0-based: the first item not answered

  IF cardinality(m_item) > 0 THEN
    -- 5. the numbers, as late as possible, in item order per type (no_gap counters in type order)
    m_number := array_fill(NULL::text, ARRAY[cardinality(m_item)]);
    FOR v_type IN SELECT DISTINCT t FROM unnest(m_type) AS t ORDER BY 1 LOOP
      v_n := (SELECT count(*) FROM unnest(m_type) AS t WHERE t = v_type);
      SELECT r.* INTO v_seq FROM numbering_resolve('stock.move.' || v_type, NULL, NULL, p_at, p_at) r;
      IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'WS005', MESSAGE = format('No active sequence with code "stock.move.%s".', v_type),
          DETAIL = jsonb_build_object('code', 'stock.move.' || v_type)::text;
      END IF;
      IF v_seq.use_date_range AND v_seq.range_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'WS004', MESSAGE = format('stock.move.%s has no date range for %s yet.', v_type, v_seq.eff),
          DETAIL = jsonb_build_object('code', 'stock.move.' || v_type)::text;
      END IF;
      IF v_seq.implementation = 'standard' THEN
        SELECT array_agg(numbering_format(v_seq.prefix, v_seq.suffix, v_seq.padding, x.v, v_seq.eff, v_seq.range_from, v_seq.cur) ORDER BY x.v)
          INTO v_nums
        FROM (SELECT nextval(numbering_pg_name(v_seq.sequence_id, v_seq.range_from::date)::regclass) AS v FROM generate_series(1, v_n)) x;
      ELSE
        -- the counter row locked (numbering_take_no_gap's waits and WN001), then the rest of the run
        v_value := numbering_take_no_gap(v_seq.sequence_id, v_seq.range_id, p_wait_ms, p_attempts);
        IF v_n > 1 THEN
          IF v_seq.range_id IS NULL THEN
            UPDATE sequences SET number_next = number_next + increment * (v_n - 1) WHERE id = v_seq.sequence_id;
          ELSE
            UPDATE sequence_date_ranges r SET number_next = r.number_next + v_seq.increment * (v_n - 1) WHERE r.id = v_seq.range_id;
          END IF;
        END IF;
        SELECT array_agg(numbering_format(v_seq.prefix, v_seq.suffix, v_seq.padding, v_value + v_seq.increment * (x.k - 1),
                                          v_seq.eff, v_seq.range_from, v_seq.cur) ORDER BY x.k)
          INTO v_nums FROM generate_series(1, v_n) AS x(k);
      END IF;
      v_n := 0;
      FOR v_pos IN 1..cardinality(m_item) LOOP
        IF m_type[v_pos] = v_type THEN v_n := v_n + 1; m_number[v_pos] := v_nums[v_n]; END IF;
      END LOOP;
    END LOOP;

    -- 6. the documents and everything that goes with them; ids ascend in item order
    SELECT array_agg(x.u ORDER BY x.u) INTO m_id FROM (SELECT uuid_v7(p_at) AS u FROM generate_series(1, cardinality(m_item))) x;
    SELECT array_agg(x.u ORDER BY x.u) INTO ml_id FROM (SELECT uuid_v7(p_at) AS u FROM generate_series(1, cardinality(ml_mov))) x;
    SELECT array_agg(jsonb_build_object('id', m.id, 'number', m.num, 'type', m.type, 'reference', p_items->(m.it - 1)->'req'->>'reference',
                                        'createdAt', v_created, 'lines', m.lines) ORDER BY m.n)
      INTO m_result FROM unnest(m_id, m_number, m_type, m_item, m_lines) WITH ORDINALITY AS m(id, num, type, it, lines, n);

    INSERT INTO movements (id, number, type, reference, note, reason, actor_id, channel, created_at)
    SELECT m.id, m.num, m.type::"MovementType", r->>'reference', r->>'note',
           COALESCE(r->>'reason', CASE WHEN m.type = 'write_off' THEN (
             SELECT x.j->>'reason' FROM jsonb_array_elements(r->'lines') WITH ORDINALITY AS x(j, n) WHERE x.j ? 'reason' ORDER BY x.n LIMIT 1) END),
           p_actor, p_channel, p_at
    FROM unnest(m_id, m_number, m_type, m_item) WITH ORDINALITY AS m(id, num, type, it, n)
    CROSS JOIN LATERAL (SELECT p_items->(m.it - 1)->'req' AS r) q
    ORDER BY m.n;

    INSERT INTO movement_lines (id, movement_id, line_no, product_id, from_location_id, to_location_id, quantity, counted, lot_code, unit_cost)
    SELECT ml_id[l.n], m_id[l.mov], l.no, g_prod[l.g],
           CASE WHEN g_type[l.g] = 'in' THEN NULL ELSE g_take[l.g] END,
           CASE WHEN g_type[l.g] IN ('in', 'transfer', 'adjust') THEN g_put[l.g] END,
           l.qty, (g_j[l.g]->>'counted')::int, g_j[l.g]->>'lot', (g_j[l.g]->>'unitCost')::numeric
    FROM unnest(ml_mov, ml_no, ml_g, ml_qty) WITH ORDINALITY AS l(mov, no, g, qty, n)
    ORDER BY l.n;

    INSERT INTO ledger_entries (movement_id, line_id, product_id, location_id, lot_id, delta, balance, unit_cost, created_at)
    SELECT m_id[e.mov], ml_id[e.ml], k_prod[e.k], k_loc[e.k], NULL, e.delta, e.bal, e.cost, p_at
    FROM unnest(e_mov, e_ml, e_k, e_delta, e_bal, e_cost) WITH ORDINALITY AS e(mov, ml, k, delta, bal, cost, n)
    ORDER BY e.n;

    -- by primary key (= ANY), the rows locked in 3
    UPDATE stock_levels s SET quantity = k_qty[array_position(k_id, s.id)], updated_at = p_at,
                              last_counted_at = CASE WHEN k_counted[array_position(k_id, s.id)] THEN p_at ELSE s.last_counted_at END
    WHERE s.id = ANY(ARRAY(SELECT u.id FROM unnest(k_id, k_changed) AS u(id, changed) WHERE u.changed));

    -- stock_post's 6b: a product edited to another tracking (or deleted) while we waited for its row
    IF EXISTS (SELECT 1 FROM products x WHERE x.id = ANY(ARRAY(SELECT g_prod[l.g] FROM unnest(ml_g) AS l(g)))
               AND (x.tracking <> 'none' OR x.deleted_at IS NOT NULL)) THEN
      RAISE EXCEPTION USING ERRCODE = 'WS001',
        MESSAGE = 'A product of this movement was changed (tracking or deleted) while it was being posted; nothing was posted. Try again.',
        DETAIL = jsonb_build_object('issues', jsonb_build_array(jsonb_build_object('path', 'lines',
          'message', 'A product of this movement was changed (tracking or deleted) while it was being posted; nothing was posted. Try again.')))::text;
    END IF;

    INSERT INTO audit_logs (actor_id, action, entity, entity_id, after, channel, created_at)
    SELECT p_actor, 'movement.post', 'movement', m.id::text, m.result, p_channel, p_at
    FROM unnest(m_id, m_result) WITH ORDINALITY AS m(id, result, n) ORDER BY m.n;

    INSERT INTO outbox_events (event_type, request_id, payload, created_at)
    SELECT 'movement.posted', COALESCE(p_items->(m_item[m.n] - 1)->>'requestId', NULLIF(current_setting('wms.request_id', true), '')), jsonb_build_object('movementId', m.id, 'type', m.type, 'productIds', (
             SELECT jsonb_agg(x.p ORDER BY x.first) FROM (
               SELECT g_prod[l.g] AS p, min(l.n) AS first FROM unnest(ml_mov, ml_g) WITH ORDINALITY AS l(mov, g, n)
               WHERE l.mov = m.n GROUP BY 1) x)), p_at
    FROM unnest(m_id, m_type) WITH ORDINALITY AS m(id, type, n) ORDER BY m.n;

    INSERT INTO idempotency_keys (actor_id, key, request_hash, response_status, response_body, movement_id, created_at, expires_at)
    SELECT p_actor, m.key, m.hash, 201, m.result, m.id, p_at, p_key_expires
    FROM unnest(m_key, m_hash, m_result, m_id) AS m(key, hash, result, id) WHERE m.key IS NOT NULL;

    FOR v_pos IN 1..cardinality(r_out) LOOP
      IF r_posted[v_pos] > 0 THEN
        r_out[v_pos] := jsonb_build_object('replay', false, 'result', m_result[r_posted[v_pos]]);
      END IF;
    END LOOP;
  END IF;

  RETURN jsonb_build_object('results', to_jsonb(r_out), 'stop', v_stop);
END;
$$;

ALTER FUNCTION stock_post_batch(uuid, "Channel", jsonb, timestamptz, timestamptz, int, int) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION stock_post_batch(uuid, "Channel", jsonb, timestamptz, timestamptz, int, int) SET lock_timeout = '10s';
