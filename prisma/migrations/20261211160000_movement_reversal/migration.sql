-- Reversing a movement (issue 18, lib/stock/reverse-movement.ts): the reversal is a new movement of
-- the opposite direction that names the one it reverses; the unique index makes "reversed at most
-- once" hold under concurrency too (the second reversal fails on it).

-- AlterTable
ALTER TABLE "movements" ADD COLUMN     "reverses_id" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "movements_reverses_id_key" ON "movements"("reverses_id");

-- AddForeignKey
ALTER TABLE "movements" ADD CONSTRAINT "movements_reverses_id_fkey" FOREIGN KEY ("reverses_id") REFERENCES "movements"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
