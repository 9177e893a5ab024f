-- A batch of movements (POST /api/v1/movements/batch) set-based: ONE call of stock_post_batch posts
-- the plain movements of a batch with a dozen statements for all of them, instead of a dozen
-- statements per movement (stock_post). The caller is lib/stock/post-movement-batch.ts; the design is
-- written down in docs/concurrency.md ("Batches").
--
-- p_items: [{"req": <a validated movement, as stock_post takes it>, "key": <Idempotency key|null>,
--            "hash": <request hash|null>}, …] in the order the client gave them.
-- Returns {"results": [...], "stop": k|null}: results[i] is what stock_post would have returned for
-- item i ({"replay", "hash", "result"}) for every item before `stop`; item `stop` (0-based) is one
-- this function does not post — the caller posts it alone through stock_post (its own transaction,
-- which raises its error with every detail) and calls again with the items after it.
--
-- An item is posted here only on the happy path, decided on the locked rows, in order:
--   - every line resolves (SKU or barcode; active locations; a transfer between two places) to an
--     UNTRACKED product (lots and serials go through stock_post);
--   - its key is not held by another request in flight, and not named earlier in this batch (a
--     second use answers as a replay once the first has committed — stock_post does that);
--   - availability (quantity − reserved) for what it takes, counted ≥ reserved for an adjust, and
--     the capacity of every location it adds to, all against the balances the items before it left.
-- Anything else stops the prefix there. A replayed key answers its stored response and changes
-- nothing. The rules (balances, ledger rows with the balance after each, numbers drawn last in item
-- order, audit row, outbox event and idempotency record per movement, the answer's shape) are
-- stock_post's; an integration test posts the same items both ways and compares.
--
-- Locks, in stock_post's global order so batches and single movements never deadlock: the
-- locations with a capacity that the prefix adds to (id order), then every stock row any item
-- touches ((product, location) order), then the no_gap counters by type name. The prefix commits as
-- one transaction: its items are held by their rows' locks until the end of the call (a few
-- milliseconds for 25 movements). A failing item rolls back nothing: it is simply not in the prefix.
-- A whole-call error (no date range yet: WS004; no sequence: WS005; a product changed tracking
-- meanwhile: WS001; a lock wait over lock_timeout) posts nothing; the caller then creates the range
-- and calls again, or posts the items one by one through stock_post.
CREATE FUNCTION stock_post_batch(p_actor uuid, p_channel "Channel", p_items jsonb, p_at timestamptz,
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
  k_qty int[]; k_res int[]; k_changed boolean[] := '{}'; k_counted boolean[] := '{}';
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
      AND k.key = ANY(SELECT i.x->>'key' FROM jsonb_array_elements(p_items) WITH ORDINALITY AS i(x, it) WHERE i_locked[i.it]);
    SELECT array_agg(k.key), array_agg(k.request_hash), array_agg(k.response_body) INTO r_key, r_hash, r_body
    FROM idempotency_keys k
    WHERE k.actor_id = p_actor
      AND k.key = ANY(SELECT i.x->>'key' FROM jsonb_array_elements(p_items) WITH ORDINALITY AS i(x, it) WHERE i_locked[i.it]);
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
    PERFORM 1 FROM stock_levels s JOIN unnest(k_prod, k_loc) AS u(p, l) ON s.product_id = u.p AND s.location_id = u.l
    ORDER BY s.product_id, s.location_id FOR UPDATE OF s;
    SELECT array_agg(s.quantity ORDER BY u.n), array_agg(s.reserved ORDER BY u.n) INTO k_qty, k_res
    FROM unnest(k_prod, k_loc) WITH ORDINALITY AS u(p, l, n)
    LEFT JOIN stock_levels s ON s.product_id = u.p AND s.location_id = u.l;
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

    UPDATE stock_levels s SET quantity = u.q, updated_at = p_at,
                              last_counted_at = CASE WHEN u.counted THEN p_at ELSE s.last_counted_at END
    FROM unnest(k_prod, k_loc, k_qty, k_changed, k_counted) AS u(p, l, q, changed, counted)
    WHERE u.changed AND s.product_id = u.p AND s.location_id = u.l;

    -- stock_post's 6b: a product edited to another tracking (or deleted) while we waited for its row
    IF EXISTS (SELECT 1 FROM unnest(ml_g) AS l(g) JOIN products x ON x.id = g_prod[l.g]
               WHERE x.tracking <> 'none' OR x.deleted_at IS NOT NULL) THEN
      RAISE EXCEPTION USING ERRCODE = 'WS001',
        MESSAGE = 'A product of this movement was changed (tracking or deleted) while it was being posted; nothing was posted. Try again.',
        DETAIL = jsonb_build_object('issues', jsonb_build_array(jsonb_build_object('path', 'lines',
          'message', 'A product of this movement was changed (tracking or deleted) while it was being posted; nothing was posted. Try again.')))::text;
    END IF;

    INSERT INTO audit_logs (actor_id, action, entity, entity_id, after, channel, created_at)
    SELECT p_actor, 'movement.post', 'movement', m.id::text, m.result, p_channel, p_at
    FROM unnest(m_id, m_result) WITH ORDINALITY AS m(id, result, n) ORDER BY m.n;

    INSERT INTO outbox_events (event_type, payload, created_at)
    SELECT 'movement.posted', jsonb_build_object('movementId', m.id, 'type', m.type, 'productIds', (
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
