import fs from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { Duplex } from "node:stream";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import * as Y from "yjs";
import { Connection } from "../../sync-server/connection.ts";
import { createServerEvents } from "../../sync-server/events.ts";
import { createLogger } from "../../sync-server/log.ts";
import { rateLimitFor } from "../../sync-server/rate-limit.ts";
import { Room } from "../../sync-server/room.ts";
import { Storage } from "../../sync-server/storage.ts";
import { LogCapture } from "./helpers.ts";

// Connection.sendMany corks the socket that was passed to handleUpgrade,
// so that a batch leaves in one write. The test uses a real ws server and
// client on loopback.

let dir: string;
let storage: Storage;
let room: Room;
let httpServer: Server;
let client: WebSocket | null;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-connection-"));
  storage = Storage.open(dir);
  const first = new Y.Doc();
  first.getMap("units").set("seed", "none");
  storage.createPlan(
    { id: "socket", name: "Socket" },
    Y.encodeStateAsUpdate(first),
  );
  room = new Room(
    { name: "socket", planId: "socket", kind: "plan" },
    {
      storage,
      logger: createLogger("info", new LogCapture().stream),
      events: createServerEvents(),
      compactAfterUpdates: 500,
    },
  );
  await room.load();
  client = null;
});

afterEach(async () => {
  client?.terminate();
  await new Promise((resolve) => httpServer.close(resolve));
  room.unload();
  storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Accepts one WebSocket and returns its Connection and upgrade socket. */
async function connect(): Promise<{
  connection: Connection;
  socket: Duplex;
  received: Buffer[];
}> {
  const wss = new WebSocketServer({ noServer: true });
  const accepted = new Promise<{ connection: Connection; socket: Duplex }>(
    (resolve) => {
      httpServer = createServer();
      httpServer.on("upgrade", (request, socket, head) => {
        wss.handleUpgrade(request, socket, head, (ws) => {
          const connection = new Connection({
            ws,
            socket,
            claims: {
              sub: "person-1",
              name: "Ada",
              plan: "socket",
              role: "editor",
              kind: "person",
              iat: Math.floor(Date.now() / 1000),
              exp: Math.floor(Date.now() / 1000) + 3600,
            },
            room,
            logger: createLogger("info", new LogCapture().stream),
            events: createServerEvents(),
            rateLimit: rateLimitFor(1024 * 1024),
            onClose: () => {},
          });
          resolve({ connection, socket });
        });
      });
    },
  );
  await new Promise<void>((resolve) =>
    httpServer.listen(0, "127.0.0.1", resolve),
  );
  const port = (httpServer.address() as AddressInfo).port;
  const received: Buffer[] = [];
  client = new WebSocket(`ws://127.0.0.1:${port}/`);
  client.on("message", (data) => received.push(data as Buffer));
  const { connection, socket } = await accepted;
  // The start messages: sync step 1 (no awareness states yet).
  await vi.waitFor(() => expect(received.length).toBe(1));
  received.length = 0;
  return { connection, socket, received };
}

const messages = [1, 2, 3].map((value) => Buffer.from([0, 2, 1, value]));

/** Spies on the stream methods that send one buffer or many in one call. */
function spyWrites(socket: Duplex) {
  const stream = socket as unknown as {
    _write: (...args: unknown[]) => void;
    _writev: (...args: unknown[]) => void;
  };
  return {
    write: vi.spyOn(stream, "_write"),
    writev: vi.spyOn(stream, "_writev"),
  };
}

test("sendMany writes the passed socket once", async () => {
  const { connection, socket, received } = await connect();
  const { write, writev } = spyWrites(socket);

  connection.sendMany(messages);

  expect(writev).toHaveBeenCalledTimes(1);
  expect(write).not.toHaveBeenCalled();
  expect(socket.writableCorked).toBe(0);
  await vi.waitFor(() => expect(received.length).toBe(messages.length));
  expect(received).toEqual(messages);
});
