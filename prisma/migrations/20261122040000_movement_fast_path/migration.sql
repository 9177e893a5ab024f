-- Fewer round trips per movement (issue 4 benchmark): resolving codes and locking stock rows become
-- one call (stock_prepare), and the idempotency claim one call (idempotency_claim). The SKU lookup
-- no longer ORs sku and barcode in one scan (with an unanalysed table the planner walked every
-- product through the deleted_at index); each side is its own index probe.

DROP FUNCTION stock_resolve(text[], text[]);
DROP FUNCTION stock_lock(uuid[], uuid[], boolean[], boolean[]);

-- Resolves p_skus (SKU, else barcode) and p_locs (code, case-insensitively, else barcode) — one
-- 'sku' / 'loc' row per input index, id NULL when unknown. When everything the pairs name is known,
-- creates the missing stock rows the movement will add to (race-free, in product/location order),
-- locks every touched row FOR UPDATE in (product, location) order — the one global lock order —
-- and returns them ('level'), then the lots of the lot-tracked pairs ('lot'). A pair is
-- (index into p_skus, index into p_locs, create?), 1-based.
CREATE FUNCTION stock_prepare(p_skus text[], p_locs text[], p_pair_sku int[], p_pair_loc int[], p_pair_create boolean[])
RETURNS TABLE (kind text, idx int, id uuid, code text, tracking text, active boolean, product_id uuid, location_id uuid,
               quantity int, reserved int, received_at timestamptz, expires_at text, unit_cost text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_prod uuid[];
  v_sku text[];
  v_track text[];
  v_loc uuid[];
  v_code text[];
  v_active boolean[];
BEGIN
  SELECT array_agg(r.id ORDER BY s.n), array_agg(r.sku ORDER BY s.n), array_agg(r.tracking ORDER BY s.n)
    INTO v_prod, v_sku, v_track
  FROM unnest(p_skus) WITH ORDINALITY AS s(v, n)
  LEFT JOIN LATERAL (
    (SELECT p.id, p.sku, p.tracking::text AS tracking FROM products p WHERE p.sku = s.v AND p.deleted_at IS NULL)
    UNION ALL
    (SELECT p.id, p.sku, p.tracking::text FROM products p WHERE p.barcode = s.v AND p.deleted_at IS NULL)
    LIMIT 1
  ) r ON true;

  SELECT array_agg(r.id ORDER BY s.n), array_agg(r.code ORDER BY s.n), array_agg(r.active ORDER BY s.n)
    INTO v_loc, v_code, v_active
  FROM unnest(p_locs) WITH ORDINALITY AS s(v, n)
  LEFT JOIN LATERAL (
    (SELECT l.id, l.code, l.active FROM locations l WHERE l.code = upper(s.v))
    UNION ALL
    (SELECT l.id, l.code, l.active FROM locations l WHERE l.barcode = s.v)
    LIMIT 1
  ) r ON true;

  RETURN QUERY
    SELECT 'sku'::text, i, v_prod[i], v_sku[i], v_track[i], true, NULL::uuid, NULL::uuid, NULL::int, NULL::int, NULL::timestamptz, NULL::text, NULL::text
    FROM generate_subscripts(p_skus, 1) AS i
    UNION ALL
    SELECT 'loc'::text, i, v_loc[i], v_code[i], NULL::text, v_active[i], NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM generate_subscripts(p_locs, 1) AS i;

  IF EXISTS (SELECT 1 FROM unnest(p_pair_sku, p_pair_loc) AS t(s, l) WHERE v_prod[t.s] IS NULL OR v_loc[t.l] IS NULL) THEN
    RETURN; -- the caller reports the unknown codes; nothing to lock
  END IF;

  INSERT INTO stock_levels (id, product_id, location_id, quantity, reserved, updated_at)
  SELECT gen_random_uuid(), v_prod[t.s], v_loc[t.l], 0, 0, now()
  FROM unnest(p_pair_sku, p_pair_loc, p_pair_create) AS t(s, l, c)
  WHERE t.c
  ORDER BY v_prod[t.s], v_loc[t.l]
  ON CONFLICT (product_id, location_id) DO NOTHING;

  RETURN QUERY
    SELECT 'level'::text, NULL::int, s.id, NULL::text, NULL::text, NULL::boolean, s.product_id, s.location_id, s.quantity, s.reserved,
           NULL::timestamptz, NULL::text, NULL::text
    FROM stock_levels s
    JOIN (SELECT DISTINCT v_prod[t.s] AS p, v_loc[t.l] AS l FROM unnest(p_pair_sku, p_pair_loc) AS t(s, l)) t
      ON s.product_id = t.p AND s.location_id = t.l
    ORDER BY s.product_id, s.location_id
    FOR UPDATE OF s;

  -- Lots change only under their row's lock (taken above), so they need no lock of their own.
  RETURN QUERY
    SELECT 'lot'::text, NULL::int, lt.id, lt.code, NULL::text, NULL::boolean, lt.product_id, lt.location_id, lt.quantity, 0,
           lt.received_at, to_char(lt.expires_at, 'YYYY-MM-DD'), lt.unit_cost::text
    FROM lots lt
    JOIN (SELECT DISTINCT v_prod[t.s] AS p, v_loc[t.l] AS l FROM unnest(p_pair_sku, p_pair_loc) AS t(s, l) WHERE v_track[t.s] = 'lot') t
      ON lt.product_id = t.p AND lt.location_id = t.l;
END;
$$;

-- Claims an Idempotency-Key for a transaction: 'busy' when another transaction holds it (the
-- caller answers IDEMPOTENCY_IN_PROGRESS), 'replay' with the stored request hash and response,
-- or 'new' (an expired record is removed first). The lock comes first and the lookup is a
-- statement of its own, so it sees a duplicate that committed while we waited for nothing.
CREATE FUNCTION idempotency_claim(p_actor uuid, p_key text)
RETURNS TABLE (status text, request_hash text, response_body jsonb)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtextextended(p_actor::text || ':' || p_key, 0)) THEN
    RETURN QUERY SELECT 'busy'::text, NULL::text, NULL::jsonb;
    RETURN;
  END IF;
  DELETE FROM idempotency_keys k WHERE k.actor_id = p_actor AND k.key = p_key AND k.expires_at <= now();
  RETURN QUERY
    SELECT 'replay'::text, k.request_hash, k.response_body FROM idempotency_keys k WHERE k.actor_id = p_actor AND k.key = p_key;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'new'::text, NULL::text, NULL::jsonb;
  END IF;
END;
$$;
