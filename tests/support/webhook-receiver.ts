// A local webhook receiver for tests: records every request (path, headers, raw body) and answers
// with the status its `respond` picks for that path and the request's number on it (1-based).
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { path: string; headers: Record<string, string>; body: string; json: { type: string; timestamp: string; data: Record<string, unknown> }; at: number };

export type Receiver = {
  url: (path: string) => string;
  received: Received[];
  on: (path: string) => Received[];
  close: () => Promise<void>;
};

export async function startReceiver(respond: (path: string, n: number) => number = () => 200, host = "127.0.0.1"): Promise<Receiver> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const path = (req.url ?? "/").split("?")[0];
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : (v ?? "")]));
      let json: Received["json"];
      try {
        json = JSON.parse(body) as Received["json"];
      } catch {
        json = { type: "", timestamp: "", data: {} };
      }
      received.push({ path, headers, body, json, at: Date.now() });
      res.statusCode = respond(path, received.filter((r) => r.path === path).length);
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://${host}:${port}${path}`,
    received,
    on: (path) => received.filter((r) => r.path === path),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
