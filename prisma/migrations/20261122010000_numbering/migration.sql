-- Document numbering (docs/product.md §3, Odoo's ir.sequence rebuilt): companies, sequences, date ranges,
-- and the database functions the numbering engine calls. Raw SQL Prisma cannot express is marked
-- "raw". Standard sequences also own PostgreSQL SEQUENCE objects, created at runtime by
-- lib/numbering (one per sequence and per date range, in the transaction that creates the record).

-- raw: the exclusion constraint that keeps a sequence's date ranges from overlapping needs
-- equality on uuid inside a GiST index.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- CreateEnum
CREATE TYPE "SequenceImplementation" AS ENUM ('standard', 'no_gap');

-- CreateEnum
CREATE TYPE "SequenceRangePeriod" AS ENUM ('year', 'month');

-- CreateTable
CREATE TABLE "companies" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "base_currency" CHAR(3) NOT NULL,
    "time_zone" TEXT NOT NULL DEFAULT 'UTC',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "companies_pkey" PRIMARY KEY ("id"),
    -- raw
    CONSTRAINT "companies_base_currency_check" CHECK ("base_currency" ~ '^[A-Z]{3}$'),
    CONSTRAINT "companies_time_zone_check" CHECK ("time_zone" <> '')
);

-- CreateTable
CREATE TABLE "sequences" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL DEFAULT '',
    "suffix" TEXT NOT NULL DEFAULT '',
    "padding" INTEGER NOT NULL DEFAULT 0,
    "increment" INTEGER NOT NULL DEFAULT 1,
    "number_next" INTEGER NOT NULL DEFAULT 1,
    "implementation" "SequenceImplementation" NOT NULL DEFAULT 'standard',
    "use_date_range" BOOLEAN NOT NULL DEFAULT false,
    "range_period" "SequenceRangePeriod" NOT NULL DEFAULT 'year',
    "company_id" UUID,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sequences_pkey" PRIMARY KEY ("id"),
    -- raw: the same bounds the zod schema enforces, so raw SQL cannot store what the engine refuses
    CONSTRAINT "sequences_padding_check" CHECK ("padding" BETWEEN 0 AND 32),
    CONSTRAINT "sequences_increment_check" CHECK ("increment" >= 1),
    CONSTRAINT "sequences_number_next_check" CHECK ("number_next" >= 1),
    CONSTRAINT "sequences_code_check" CHECK ("code" <> '')
);

-- CreateTable
CREATE TABLE "sequence_date_ranges" (
    "id" UUID NOT NULL,
    "sequence_id" UUID NOT NULL,
    "date_from" DATE NOT NULL,
    "date_to" DATE NOT NULL,
    "number_next" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sequence_date_ranges_pkey" PRIMARY KEY ("id"),
    -- raw
    CONSTRAINT "sequence_date_ranges_dates_check" CHECK ("date_to" >= "date_from"),
    CONSTRAINT "sequence_date_ranges_number_next_check" CHECK ("number_next" >= 1),
    -- raw: one range per day and sequence, whatever the period was when each range was created
    CONSTRAINT "sequence_date_ranges_no_overlap" EXCLUDE USING gist (
        "sequence_id" WITH =, daterange("date_from", "date_to", '[]') WITH &&
    )
);

-- CreateIndex
CREATE UNIQUE INDEX "companies_code_key" ON "companies"("code");

-- CreateIndex (raw: NULLS NOT DISTINCT so there is only one shared sequence per code)
CREATE UNIQUE INDEX "sequences_code_company_id_key" ON "sequences"("code", "company_id") NULLS NOT DISTINCT;

-- CreateIndex
CREATE INDEX "sequences_company_id_idx" ON "sequences"("company_id");

-- CreateIndex
CREATE UNIQUE INDEX "sequence_date_ranges_sequence_id_date_from_key" ON "sequence_date_ranges"("sequence_id", "date_from");

-- AddForeignKey
ALTER TABLE "sequences" ADD CONSTRAINT "sequences_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sequence_date_ranges" ADD CONSTRAINT "sequence_date_ranges_sequence_id_fkey" FOREIGN KEY ("sequence_id") REFERENCES "sequences"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- raw: the name of the PostgreSQL SEQUENCE behind a standard sequence (p_date_from NULL) or one of
-- its date ranges. Derived from the unique key, never from a counter, so every process computes
-- the same name; ≤ 49 characters, under PostgreSQL's 63-character identifier limit (a range's
-- uuid would not fit). lib/numbering/pg-sequence.ts builds the same name for DDL.
CREATE FUNCTION numbering_pg_name(p_sequence_id UUID, p_date_from DATE) RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT 'seq_doc_' || replace(p_sequence_id::text, '-', '')
        || CASE WHEN p_date_from IS NULL THEN '' ELSE '_' || to_char(p_date_from, 'YYYYMMDD') END
$$;

-- raw: the value the next nextval() of a standard sequence will return, without consuming it
-- (Odoo's _predict_nextval). NULL when the SEQUENCE does not exist.
CREATE FUNCTION numbering_peek(p_name TEXT) RETURNS BIGINT
LANGUAGE plpgsql AS $$
DECLARE
    v_value BIGINT;
BEGIN
    IF to_regclass(p_name) IS NULL THEN
        RETURN NULL;
    END IF;
    -- After CREATE or ALTER … RESTART, is_called is false and last_value is the next value.
    EXECUTE format(
        'SELECT CASE WHEN is_called THEN last_value + (SELECT seqincrement FROM pg_sequence WHERE seqrelid = %L::regclass) ELSE last_value END FROM %I',
        p_name, p_name
    ) INTO v_value;
    RETURN v_value;
END
$$;

-- raw: takes the next number of a no_gap sequence (p_range_id NULL) or of one of its date ranges,
-- inside the caller's transaction: the counter row stays locked until that transaction ends, so a
-- rolled-back document gives its number back and concurrent callers get contiguous numbers.
--
-- Lock-wait behaviour (Odoo uses NOWAIT and fails at once under any contention): we first try the
-- lock without waiting (SKIP LOCKED), which costs no subtransaction — the common, uncontended case,
-- and also the case of a transaction taking many numbers. If another transaction holds the
-- counter, we wait at most p_wait_ms per attempt (SET LOCAL lock_timeout inside a subtransaction,
-- so the caller's own lock_timeout is untouched), retrying up to p_attempts times, then raise
-- SQLSTATE WN001, which the engine turns into AppError UNAVAILABLE naming the sequence. The lock is
-- FOR NO KEY UPDATE, the strength an UPDATE takes: it serialises counter updates but does not block
-- foreign-key checks (inserting a date range of this sequence while its counter is held).
-- Returns NULL when the row does not exist.
CREATE FUNCTION numbering_take_no_gap(p_sequence_id UUID, p_range_id UUID, p_wait_ms INTEGER, p_attempts INTEGER)
RETURNS BIGINT
LANGUAGE plpgsql AS $$
DECLARE
    v_prev_timeout TEXT := current_setting('lock_timeout');
    v_locked BOOLEAN := false;
    v_value BIGINT;
BEGIN
    IF p_range_id IS NULL THEN
        PERFORM 1 FROM sequences WHERE id = p_sequence_id FOR NO KEY UPDATE SKIP LOCKED;
    ELSE
        PERFORM 1 FROM sequence_date_ranges WHERE id = p_range_id FOR NO KEY UPDATE SKIP LOCKED;
    END IF;
    v_locked := FOUND;

    IF NOT v_locked THEN
        FOR v_attempt IN 1..greatest(p_attempts, 1) LOOP
            BEGIN
                PERFORM set_config('lock_timeout', p_wait_ms || 'ms', true);
                IF p_range_id IS NULL THEN
                    PERFORM 1 FROM sequences WHERE id = p_sequence_id FOR NO KEY UPDATE;
                ELSE
                    PERFORM 1 FROM sequence_date_ranges WHERE id = p_range_id FOR NO KEY UPDATE;
                END IF;
                v_locked := FOUND;
                PERFORM set_config('lock_timeout', v_prev_timeout, true);
                IF NOT v_locked THEN
                    RETURN NULL; -- the row is gone
                END IF;
                EXIT;
            EXCEPTION WHEN lock_not_available THEN
                -- The subtransaction rolled back, our lock_timeout with it; try again.
                NULL;
            END;
        END LOOP;
        IF NOT v_locked THEN
            RAISE EXCEPTION 'numbering: the counter of sequence % is busy', p_sequence_id
                USING ERRCODE = 'WN001',
                      DETAIL = format('waited %s ms × %s attempts', p_wait_ms, greatest(p_attempts, 1));
        END IF;
    END IF;

    IF p_range_id IS NULL THEN
        UPDATE sequences SET number_next = number_next + increment
        WHERE id = p_sequence_id
        RETURNING number_next - increment INTO v_value;
    ELSE
        UPDATE sequence_date_ranges r SET number_next = r.number_next + s.increment
        FROM sequences s
        WHERE r.id = p_range_id AND s.id = r.sequence_id
        RETURNING r.number_next - s.increment INTO v_value;
    END IF;
    RETURN v_value;
END
$$;

-- raw: resolves a sequence code for a document (Odoo's next_by_code lookup): the requesting
-- company's own active sequence first, then the shared one; the time zone (the sequence's company,
-- else the requesting company, else UTC); the document's local date-time (p_date is a calendar
-- date, else p_instant is read in that time zone); now, local; and the date range containing the
-- document date (none yet on first use). No row when no active sequence has the code.
-- PL/pgSQL so that its statements are planned once per connection: the numbering hot path runs
-- this for every document, and planning the equivalent ad-hoc query cost more than running it.
-- Local times are computed here rather than in JavaScript, so the date that picks the range and the
-- date the placeholders print come from one tz database.
CREATE FUNCTION numbering_resolve(p_code TEXT, p_company_id UUID, p_date DATE, p_instant TIMESTAMPTZ, p_now TIMESTAMPTZ)
RETURNS TABLE (
    sequence_id UUID, implementation TEXT, use_date_range BOOLEAN, range_period TEXT, prefix TEXT, suffix TEXT,
    padding INTEGER, increment INTEGER, number_next INTEGER, time_zone TEXT,
    eff TEXT, cur TEXT, range_id UUID, range_from TEXT, range_next INTEGER
)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_id UUID;
    v_eff TIMESTAMP;
    v_tz TEXT;
    v_ranged BOOLEAN;
BEGIN
    SELECT s.id, s.implementation::text, s.use_date_range, s.range_period::text, s.prefix, s.suffix,
           s.padding, s.increment, s.number_next, COALESCE(own.time_zone, req.time_zone, 'UTC')
      INTO v_id, implementation, v_ranged, range_period, prefix, suffix, padding, increment, number_next, v_tz
      FROM sequences s
      LEFT JOIN companies own ON own.id = s.company_id
      LEFT JOIN companies req ON req.id = p_company_id
     WHERE s.code = p_code AND s.active AND (s.company_id = p_company_id OR s.company_id IS NULL)
     ORDER BY s.company_id NULLS LAST
     LIMIT 1;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    v_eff := COALESCE(p_date::timestamp, p_instant AT TIME ZONE v_tz);
    sequence_id := v_id;
    use_date_range := v_ranged;
    time_zone := v_tz;
    eff := to_char(v_eff, 'YYYY-MM-DD HH24:MI:SS');
    cur := to_char(p_now AT TIME ZONE v_tz, 'YYYY-MM-DD HH24:MI:SS');
    IF v_ranged THEN
        SELECT r.id, to_char(r.date_from, 'YYYY-MM-DD'), r.number_next
          INTO range_id, range_from, range_next
          FROM sequence_date_ranges r
         WHERE r.sequence_id = v_id AND r.date_from <= v_eff::date AND r.date_to >= v_eff::date;
    END IF;
    RETURN NEXT;
END
$$;

-- raw: resolves (numbering_resolve) and draws the number in one round trip: nextval for standard,
-- numbering_take_no_gap for no_gap. value is NULL when the date range does not exist yet: the
-- caller creates it (lib/numbering/date-range.ts) and calls again.
CREATE FUNCTION numbering_next(p_code TEXT, p_company_id UUID, p_date DATE, p_instant TIMESTAMPTZ, p_now TIMESTAMPTZ,
                               p_wait_ms INTEGER, p_attempts INTEGER)
RETURNS TABLE (
    sequence_id UUID, implementation TEXT, use_date_range BOOLEAN, range_period TEXT, prefix TEXT, suffix TEXT,
    padding INTEGER, increment INTEGER, number_next INTEGER, time_zone TEXT,
    eff TEXT, cur TEXT, range_id UUID, range_from TEXT, range_next INTEGER, value BIGINT
)
LANGUAGE plpgsql AS $$
BEGIN
    RETURN QUERY
    SELECT r.*,
           CASE
               WHEN r.use_date_range AND r.range_id IS NULL THEN NULL
               WHEN r.implementation = 'standard' THEN nextval(numbering_pg_name(r.sequence_id, r.range_from::date)::regclass)
               ELSE numbering_take_no_gap(r.sequence_id, r.range_id, p_wait_ms, p_attempts)
           END
      FROM numbering_resolve(p_code, p_company_id, p_date, p_instant, p_now) r;
END
$$;
