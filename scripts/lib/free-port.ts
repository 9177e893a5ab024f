// A TCP port free right now on 127.0.0.1 (the e2e runner's worker metrics port, the jobs tests'
// private redis-server): the OS picks it, we close it and hand it on.
import net from "node:net";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
