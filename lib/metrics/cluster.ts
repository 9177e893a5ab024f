// /metrics of a node:cluster (`npm start`, scripts/serve.ts): the connection lands on one web worker,
// but the answer must cover all of them. The worker asks the primary over IPC; the primary runs
// prom-client's AggregatorRegistry.clusterMetrics(), which collects every worker's registry (over
// IPC again, prom-client's own messages) and sums them — counters and histograms add up, the pool
// gauges too, and per-process gauges use their aggregator (docs/observability.md).
import cluster from "node:cluster";
import client, { type Registry } from "prom-client";

const REQ = "wms:metrics-req";
const RES = "wms:metrics-res";
type Res = { type: typeof RES; id: number; text?: string; contentType?: string; error?: string };

/** In the primary: answer the workers' metrics requests with the cluster's aggregate. */
export function serveClusterMetrics(): void {
  const aggregator = new client.AggregatorRegistry();
  cluster.on("message", (worker, msg: { type?: string; id?: number }) => {
    if (msg?.type !== REQ) return;
    const reply = (r: Omit<Res, "type" | "id">) => {
      if (worker.isConnected()) worker.send({ type: RES, id: msg.id, ...r });
    };
    aggregator.clusterMetrics().then(
      (text) => reply({ text, contentType: aggregator.contentType }),
      (e: Error) => reply({ error: e.message }),
    );
  });
}

export type Render = () => Promise<{ contentType: string; text: string }>;

/**
 * In a process: how to render its /metrics. A cluster worker answers the aggregate through the
 * primary (and answers the primary's collection with `registry`); a process of its own (web-server.ts
 * run alone, the worker) its own registry.
 */
export function metricsRenderer(registry: Registry): Render {
  const local: Render = async () => ({ contentType: registry.contentType, text: await registry.metrics() });
  if (!cluster.isWorker || !process.send) return local;
  client.AggregatorRegistry.setRegistries([registry]);
  new client.AggregatorRegistry(); // installs prom-client's worker-side listener
  let seq = 0;
  const pending = new Map<number, (r: Res) => void>();
  process.on("message", (m: Res) => {
    if (m?.type === RES) pending.get(m.id)?.(m);
  });
  return () =>
    new Promise((resolve, reject) => {
      const id = ++seq;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error("the cluster primary did not answer in 8 s"));
      }, 8_000);
      pending.set(id, (r) => {
        clearTimeout(timer);
        pending.delete(id);
        if (r.error || r.text === undefined) reject(new Error(r.error ?? "no metrics"));
        else resolve({ contentType: r.contentType ?? registry.contentType, text: r.text });
      });
      process.send!({ type: REQ, id });
    });
}
