import net from 'node:net';

/**
 * A loopback TCP proxy between laptops and the team server, for "the network is gone" faults.
 * `cut()` drops every open connection and from then on black-holes new ones: they are accepted
 * and never answered, as a dead link looks to a laptop (no refusal, just silence) until
 * `restore()`, which closes the silent ones so their callers retry.
 */
export interface TcpProxy {
  /** `http://127.0.0.1:PORT`, to use in place of the server's origin. */
  origin: string;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetOrigin: string): Promise<TcpProxy> {
  const target = new URL(targetOrigin);
  const open = new Set<net.Socket>();
  let down = false;
  const server = net.createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => undefined);
    if (down) return; // held open, never forwarded
    const upstream = net.connect(Number(target.port), target.hostname);
    open.add(upstream);
    upstream.on('close', () => {
      open.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const dropAll = () => {
    for (const s of open) s.destroy();
    open.clear();
  };
  return {
    origin: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    cut() {
      down = true;
      dropAll();
    },
    restore() {
      down = false;
      dropAll();
    },
    async close() {
      dropAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
