// The pg pools of this process, for the wms_db_pool_connections gauge (lib/metrics/registry.ts).
// lib/db.ts registers its pool here; without prom-client, so every script can load lib/db.
export type PoolLike = { totalCount: number; idleCount: number; waitingCount: number };

const g = globalThis as unknown as { __wmsPools?: Set<PoolLike> };

/** Counts this pool in the pool gauge (production loads lib/db twice: scripts/ and Next's bundle). */
export function watchPool(pool: PoolLike): void {
  (g.__wmsPools ??= new Set()).add(pool);
}

export function watchedPools(): Iterable<PoolLike> {
  return g.__wmsPools ?? [];
}
