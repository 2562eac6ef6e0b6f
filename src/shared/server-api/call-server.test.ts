import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callServer } from './call-server.js';

// A network gone silent: the connection opens and no answer ever comes.
let silent: net.Server;
let origin: string;
const held: net.Socket[] = [];

beforeAll(async () => {
  silent = net.createServer((socket) => held.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of held) s.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

describe('callServer', () => {
  it('gives up on a server that never answers, in words, instead of hanging', async () => {
    await expect(callServer(origin, 'session.current', {}, {}, { timeoutMs: 300 })).rejects.toThrow('the team server did not answer within 300 ms');
  });

  it('still lets the caller cancel first', async () => {
    const controller = new AbortController();
    const call = callServer(origin, 'session.current', {}, {}, { signal: controller.signal, timeoutMs: 60_000 });
    controller.abort();
    await expect(call).rejects.toThrow(/abort/i);
  });
});
