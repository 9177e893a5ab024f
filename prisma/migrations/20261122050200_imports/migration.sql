-- CSV imports (issue 6): one row per uploaded file. The unique (kind, sha256) makes a file import
-- at most once, also when the same file is submitted twice at the same moment (lib/imports).

-- CreateEnum
CREATE TYPE "ImportKind" AS ENUM ('products', 'opening_stock');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('invalid', 'done');

-- CreateTable
CREATE TABLE "import_batches" (
    "id" UUID NOT NULL,
    "kind" "ImportKind" NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "file_name" TEXT NOT NULL,
    "status" "ImportStatus" NOT NULL,
    "rows" INTEGER NOT NULL DEFAULT 0,
    "created_count" INTEGER NOT NULL DEFAULT 0,
    "updated_count" INTEGER NOT NULL DEFAULT 0,
    "error_count" INTEGER NOT NULL DEFAULT 0,
    "movement_id" UUID,
    "movement_number" TEXT,
    "actor_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "import_batches_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "import_batches_created_at_idx" ON "import_batches"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "import_batches_kind_sha256_key" ON "import_batches"("kind", "sha256");
