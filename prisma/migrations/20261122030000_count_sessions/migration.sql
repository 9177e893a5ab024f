-- Stocktake: count sessions over chosen locations, blind count lines, approval posts one adjust.

-- CreateEnum
CREATE TYPE "CountStatus" AS ENUM ('open', 'approved', 'cancelled');

-- CreateTable
CREATE TABLE "count_sessions" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "status" "CountStatus" NOT NULL DEFAULT 'open',
    "note" TEXT,
    "created_by_id" UUID NOT NULL,
    "closed_by_id" UUID,
    "movement_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "count_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "count_session_locations" (
    "session_id" UUID NOT NULL,
    "location_id" UUID NOT NULL,

    CONSTRAINT "count_session_locations_pkey" PRIMARY KEY ("session_id","location_id")
);

-- CreateTable
CREATE TABLE "count_lines" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "location_id" UUID NOT NULL,
    "counted" INTEGER NOT NULL,
    "counted_by_id" UUID NOT NULL,
    "counted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "count_lines_pkey" PRIMARY KEY ("id"),
    -- raw
    CONSTRAINT "count_lines_counted_check" CHECK ("counted" >= 0)
);

-- CreateIndex
CREATE UNIQUE INDEX "count_sessions_number_key" ON "count_sessions"("number");
CREATE UNIQUE INDEX "count_sessions_movement_id_key" ON "count_sessions"("movement_id");
CREATE INDEX "count_sessions_status_created_at_idx" ON "count_sessions"("status", "created_at");
CREATE UNIQUE INDEX "count_lines_session_id_product_id_location_id_key" ON "count_lines"("session_id", "product_id", "location_id");

-- AddForeignKey
ALTER TABLE "count_sessions" ADD CONSTRAINT "count_sessions_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "count_sessions" ADD CONSTRAINT "count_sessions_closed_by_id_fkey" FOREIGN KEY ("closed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "count_sessions" ADD CONSTRAINT "count_sessions_movement_id_fkey" FOREIGN KEY ("movement_id") REFERENCES "movements"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "count_session_locations" ADD CONSTRAINT "count_session_locations_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "count_sessions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "count_session_locations" ADD CONSTRAINT "count_session_locations_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "count_lines" ADD CONSTRAINT "count_lines_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "count_sessions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "count_lines" ADD CONSTRAINT "count_lines_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "count_lines" ADD CONSTRAINT "count_lines_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "count_lines" ADD CONSTRAINT "count_lines_counted_by_id_fkey" FOREIGN KEY ("counted_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
