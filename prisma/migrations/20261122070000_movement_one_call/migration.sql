-- A movement is ONE call of stock_post (issue 4 benchmark). Before, lib/stock/post-movement.ts ran
-- BEGIN, idempotency_claim, stock_prepare, numbering_next, stock_write and COMMIT — five or six
-- round trips, with the hot stock row locked across three of them while the web process computed
-- balances in JavaScript. Now the whole movement runs inside PostgreSQL in one statement (its own
-- transaction when called outside one): the hot row's lock lasts as long as the SQL work, not as
-- long as the network and the event loop. The rules are the same as before, now written here:
--
--  1. Idempotency: a transaction-scoped advisory try-lock on (actor, key) — a duplicate in flight
--     fails at once with WS003 (IDEMPOTENCY_IN_PROGRESS); then the stored response, if any, is
--     returned with its request hash (the caller compares it: replay or IDEMPOTENCY_KEY_REUSED).
--     READ COMMITTED: each statement has its own snapshot, so the lookup after the lock sees a
--     duplicate that committed before we got it.
--  2. Codes are resolved (SKU, else barcode; location code case-insensitively, else barcode). Any
--     unknown, serial-tracked or inactive one: WS001 (VALIDATION_FAILED) with every issue.
--  3. The stock rows the movement adds to are created race-free (INSERT … ON CONFLICT DO NOTHING,
--     sorted), then every touched row is locked FOR UPDATE in (product, location) order — the one
--     global lock order, so two movements never deadlock. Lots change only under their row's lock.
--  4. Lines apply in order: availability (quantity − reserved) checked on the locked rows (WS002,
--     INSUFFICIENT_STOCK, names sku/location/requested/available/line), lots consumed FEFO then
--     FIFO (expiry first, lots without expiry last, then oldest receipt, then code), the ledger rows
--     collected with the balance after each.
--  5. Only then the number is drawn (numbering_next: a failed movement consumes none, and a no_gap
--     counter is held only from here to commit) and formatted (numbering_format, the SQL twin of
--     lib/numbering/format.ts; an integration test keeps them equal). No date range yet for the
--     document date: WS004, the caller creates it (lib/numbering/date-range.ts) and calls again.
--  6. Movement, lines, ledger, audit row, outbox event and idempotency record are written; the
--     response (MovementResult of lib/stock/schemas.ts) is returned as jsonb.
-- Any error rolls everything back.

DROP FUNCTION stock_write(
  uuid, text, "MovementType", text, text, text, uuid, "Channel", timestamptz,
  uuid[], uuid[], uuid[], uuid[], int[], int[], text[], text[],
  uuid[], uuid[], uuid[], text[], timestamptz[], date[], int[], text[],
  uuid[], int[],
  uuid[], uuid[], uuid[], uuid[], int[], int[], text[],
  uuid[], int[], boolean[],
  jsonb, jsonb, text, text, timestamptz
);
DROP FUNCTION stock_prepare(text[], text[], int[], int[], boolean[]);
DROP FUNCTION idempotency_claim(uuid, text);

-- A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits — the kind of id
-- Prisma's uuid(7) gives every other table. Time-ordered ids land at the right edge of their
-- btree indexes instead of on random pages (fewer pages dirtied and written per movement).
CREATE FUNCTION uuid_v7(p_at timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send(floor(extract(epoch FROM p_at) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
      52, 1), 53, 1),
    'hex')::uuid
$$;

-- Odoo's prefix/suffix interpolation (lib/numbering/format.ts `interpolate`): `%(year)s`,
-- `%(range_year)s`, `%(current_year)s`… and `%%`. Patterns are validated when a sequence is saved.
CREATE FUNCTION numbering_interpolate(p_pattern text, p_eff timestamp, p_range timestamp, p_cur timestamp)
RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  v_out text := '';
  v_i int := 1;
  v_len int := length(p_pattern);
  v_close int;
  v_name text;
  v_key text;
  v_ts timestamp;
BEGIN
  IF strpos(p_pattern, '%') = 0 THEN
    RETURN p_pattern;
  END IF;
  WHILE v_i <= v_len LOOP
    IF substr(p_pattern, v_i, 1) <> '%' THEN
      v_close := strpos(substr(p_pattern, v_i), '%');
      IF v_close = 0 THEN
        RETURN v_out || substr(p_pattern, v_i);
      END IF;
      v_out := v_out || substr(p_pattern, v_i, v_close - 1);
      v_i := v_i + v_close - 1;
    ELSIF substr(p_pattern, v_i + 1, 1) = '%' THEN
      v_out := v_out || '%';
      v_i := v_i + 2;
    ELSE
      v_close := strpos(substr(p_pattern, v_i + 2), ')');
      v_name := substr(p_pattern, v_i + 2, v_close - 1);
      v_i := v_i + 2 + v_close + 1; -- past ")s"
      IF v_name LIKE 'range\_%' THEN
        v_ts := p_range; v_key := substr(v_name, 7);
      ELSIF v_name LIKE 'current\_%' THEN
        v_ts := p_cur; v_key := substr(v_name, 9);
      ELSE
        v_ts := p_eff; v_key := v_name;
      END IF;
      v_out := v_out || CASE v_key
        WHEN 'year' THEN to_char(v_ts, 'YYYY')
        WHEN 'month' THEN to_char(v_ts, 'MM')
        WHEN 'day' THEN to_char(v_ts, 'DD')
        WHEN 'y' THEN to_char(v_ts, 'YY')
        WHEN 'doy' THEN to_char(v_ts, 'DDD')
        -- %W: weeks start on Monday; days before the year's first Monday are week 00.
        WHEN 'woy' THEN lpad(((extract(doy FROM v_ts)::int + 7 - extract(isodow FROM v_ts)::int) / 7)::text, 2, '0')
        WHEN 'weekday' THEN extract(dow FROM v_ts)::int::text
        WHEN 'h24' THEN to_char(v_ts, 'HH24')
        WHEN 'h12' THEN to_char(v_ts, 'HH12')
        WHEN 'min' THEN to_char(v_ts, 'MI')
        WHEN 'sec' THEN to_char(v_ts, 'SS')
      END;
    END IF;
  END LOOP;
  RETURN v_out;
END;
$$;

-- prefix + number zero-padded to at least p_padding digits + suffix (lib/numbering/lookup.ts
-- `formatRow`). Times are local `YYYY-MM-DD HH24:MI:SS` as numbering_resolve returns them; without
-- a date range, `range_` placeholders read the document date.
CREATE FUNCTION numbering_format(p_prefix text, p_suffix text, p_padding int, p_n bigint, p_eff text, p_range_from text, p_cur text)
RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  v_eff timestamp := p_eff::timestamp;
  v_range timestamp := COALESCE(p_range_from::timestamp, v_eff);
  v_cur timestamp := p_cur::timestamp;
  v_digits text := abs(p_n)::text;
BEGIN
  IF length(v_digits) < p_padding THEN
    v_digits := lpad(v_digits, p_padding, '0');
  END IF;
  RETURN numbering_interpolate(p_prefix, v_eff, v_range, v_cur)
      || CASE WHEN p_n < 0 THEN '-' ELSE '' END || v_digits
      || numbering_interpolate(p_suffix, v_eff, v_range, v_cur);
END;
$$;

-- A location by code (case-insensitively), else by barcode; no row when unknown.
CREATE FUNCTION stock_location(p_code text) RETURNS TABLE (id uuid, code text, active boolean)
LANGUAGE sql STABLE AS $$
  (SELECT x.id, x.code, x.active FROM locations x WHERE x.code = upper(p_code))
  UNION ALL (SELECT x.id, x.code, x.active FROM locations x WHERE x.barcode = p_code)
  LIMIT 1
$$;

-- The issue with a line's location field (unknown or inactive), or NULL when there is none.
CREATE FUNCTION stock_location_issue(p_path text, p_input text, p_found_code text, p_active boolean) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN p_input IS NULL THEN NULL
    WHEN p_found_code IS NULL THEN jsonb_build_object('path', p_path, 'message', format('Unknown location "%s".', p_input))
    WHEN NOT p_active THEN jsonb_build_object('path', p_path, 'message', format('Location %s is inactive.', p_found_code))
  END
$$;

-- What stock_post collects while it applies the lines: the ledger rows (written once the movement
-- row exists), and the portions one take consumed (a lot each, or none).
CREATE TYPE stock_ledger_row AS (line int, product uuid, location uuid, lot uuid, delta int, balance int, unit_cost numeric);
CREATE TYPE stock_portion AS (lot uuid, code text, quantity int, unit_cost numeric, received_at timestamptz, expires_at date);

-- p_req: the validated request (lib/stock/schemas.ts postMovementSchema output). Returns
-- {"replay": false, "result": MovementResult} or {"replay": true, "hash": …, "result": stored}.
CREATE FUNCTION stock_post(p_actor uuid, p_channel "Channel", p_req jsonb, p_key text, p_hash text, p_at timestamptz,
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
         array_agg(uuid_v7(p_at) ORDER BY t.n)
    INTO l_prod, l_sku, l_track, l_loc, l_loc_code, l_loc_active, l_from, l_from_code, l_from_active,
         l_to, l_to_code, l_to_active, l_id
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
  END LOOP;
  IF cardinality(v_issues) > 0 THEN
    RAISE EXCEPTION USING ERRCODE = 'WS001', MESSAGE = v_issues[1]->>'message', DETAIL = jsonb_build_object('issues', to_jsonb(v_issues))::text;
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

-- Generic plans: the statements take array and jsonb parameters, for which PL/pgSQL's plan cache
-- otherwise keeps re-planning (custom plans) — planning cost more than executing. A movement waits
-- at most 10 s for the stock rows it locks, then fails with lock_not_available (UNAVAILABLE, 503).
ALTER FUNCTION stock_post(uuid, "Channel", jsonb, text, text, timestamptz, timestamptz, int, int)
  SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION stock_post(uuid, "Channel", jsonb, text, text, timestamptz, timestamptz, int, int)
  SET lock_timeout = '10s';
