-- The movement's number, when its sequence is `standard` (gap-allowed: stock.move.in, .out and
-- .transfer by default), is drawn BEFORE the stock rows are locked instead of after, and the
-- movement's own row (which needs no balance) written with it: a hot stock row
-- (one product at one location posted by every scanner at once) is held from its lock to the
-- commit, and the number was part of that window. Measured with PostgreSQL alone (pgbench calling
-- stock_post on one row at C=8): 698–739 → 829–837 movements/s. A movement that then fails on the
-- locked rows (not enough stock, capacity, a serial's state, reserved units) leaves a gap in a
-- standard sequence, which such a sequence allows (docs/concurrency.md "Numbering"); no_gap
-- sequences are unchanged — drawn last, their counter held only from there to commit. Everything
-- else is 20261211150000_outbound's stock_post, unchanged.
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
