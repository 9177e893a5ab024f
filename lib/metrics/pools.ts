// The pg pools of this process, for the wms_db_pool_connections gauge (lib/metrics/registry.ts).
// lib/db.ts registers its pool here; without prom-client, so every script can load lib/db.
export type PoolLike = { totalCount: number; idleCount: number; waitingCount: number };

export type PoolName = "primary" | "replica";

const g = globalThis as unknown as { __wmsPools?: Map<PoolLike, PoolName> };

/** Counts this pool in the pool gauge (production loads lib/db twice: scripts/ and Next's bundle). */
export function watchPool(pool: PoolLike, name: PoolName = "primary"): void {
  (g.__wmsPools ??= new Map()).set(pool, name);
}

export function watchedPools(): Iterable<[PoolLike, PoolName]> {
  return g.__wmsPools ?? [];
}
