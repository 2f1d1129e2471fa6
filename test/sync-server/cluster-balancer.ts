import net from "node:net";

/** A TCP load balancer on loopback in front of some server nodes. */
export interface Balancer {
  syncUrl: string;
  close(): void;
}

/**
 * Starts a TCP load balancer on loopback. Each connection goes to the
 * first backend that accepts it, so connections move on when a node dies.
 */
export async function startBalancer(ports: number[]): Promise<Balancer> {
  const server = net.createServer((client) => {
    client.pause();
    const tryBackend = (index: number) => {
      if (index >= ports.length) {
        client.destroy();
        return;
      }
      const upstream = net.connect(ports[index], "127.0.0.1");
      upstream.once("error", () => tryBackend(index + 1));
      upstream.once("connect", () => {
        upstream.removeAllListeners("error");
        upstream.on("error", () => client.destroy());
        client.on("error", () => upstream.destroy());
        client.pipe(upstream).pipe(client);
        client.once("close", () => upstream.destroy());
        upstream.once("close", () => client.destroy());
        client.resume();
      });
    };
    tryBackend(0);
  });
  await new Promise<void>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve()),
  );
  const { port } = server.address() as net.AddressInfo;
  return {
    syncUrl: `ws://127.0.0.1:${port}/sync`,
    close: () => {
      server.close();
    },
  };
}
