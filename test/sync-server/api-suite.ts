import { afterEach, beforeEach } from "vitest";
import * as Y from "yjs";
import type { Role } from "../../sync-server/roles.ts";
import type { RunningServer, StartOptions } from "../../sync-server/server.ts";
import {
  connectClient,
  createFixture,
  LogCapture,
  rawClient,
  roomUrl,
  startTestServer,
  synced,
  testToken,
  type Fixture,
  type RawClient,
  type TestClient,
} from "./helpers.ts";
import {
  callApi,
  joinDemo,
  joinWithInvite,
  type JoinReply,
  type Reply,
} from "./plan-api.ts";

/** Options of `useApiServer`. */
export interface ApiSuiteOptions {
  /**
   * Whether a server starts before each test. With false, each test calls
   * `start()` itself, for example to pass its own options.
   */
  startEachTest?: boolean;
  /** Start options of every server the suite starts. Options passed to `start()` override them. */
  server?: StartOptions;
}

/** A person's token and functions that connect it to the demo plan room and its review room. */
export interface DemoRooms {
  token: string;
  plan(): Promise<TestClient>;
  review(): Promise<TestClient>;
}

interface TestState {
  fixture: Fixture;
  logs: LogCapture;
  servers: RunningServer[];
  /** Clients and raw sockets to destroy after the test. */
  clients: { destroy(): void }[];
}

/**
 * The fixture, sync server, log capture and clients of the running test,
 * with API and client helpers bound to the current server. Read its
 * properties inside a hook or a test.
 */
export class ApiSuite {
  private current: TestState | null = null;

  constructor(private readonly options: ApiSuiteOptions = {}) {}

  get fixture(): Fixture {
    return this.require().fixture;
  }

  /** Log lines of every server the test started. */
  get logs(): LogCapture {
    return this.require().logs;
  }

  /** The server the test started last. */
  get server(): RunningServer {
    const server = this.require().servers.at(-1);
    if (!server)
      throw new Error(
        "No sync server is running in this test: call start() first, or leave startEachTest on.",
      );
    return server;
  }

  /** Starts a server on the test's fixture, which then is `server`. */
  async start(options: StartOptions = {}): Promise<RunningServer> {
    const current = this.require();
    const server = await startTestServer(
      current.fixture,
      { ...this.options.server, ...options },
      current.logs,
    );
    current.servers.push(server);
    return server;
  }

  /** Closes the current server and starts another on the same data. */
  async restart(options: StartOptions = {}): Promise<RunningServer> {
    await this.server.close();
    return this.start(options);
  }

  /** Sends one API request to the current server. */
  call(
    method: string,
    pathname: string,
    options: { token?: string; body?: unknown } = {},
  ): Promise<Reply> {
    return callApi(this.server, method, pathname, options);
  }

  /** Joins the demo plan through its start link for `role`. */
  joinDemo(
    role: "editor" | "reviewer" | "viewer",
    name: string,
  ): Promise<JoinReply> {
    return joinDemo(this.server, role, name);
  }

  /** Joins with an invite token or link. */
  joinWithInvite(invite: string, name: string): Promise<JoinReply> {
    return joinWithInvite(this.server, invite, name);
  }

  /**
   * Connects a y-websocket client to `room`, on the current server unless
   * `target` names another, and destroys it after the test.
   */
  connect(
    room: string,
    token: string,
    target: { syncUrl: string } = this.server,
  ): TestClient {
    return this.track(connectClient(target, room, token));
  }

  /** Connects like `connect` and resolves once the first sync is done. */
  async connectSynced(
    room: string,
    token: string,
    target: { syncUrl: string } = this.server,
  ): Promise<TestClient> {
    const client = this.connect(room, token, target);
    await synced(client);
    return client;
  }

  /** Connects a synced client to `room`, "demo" by default, with a fresh editor token. */
  async editor(
    room = "demo",
    options: { sub?: string; target?: { syncUrl: string } } = {},
  ): Promise<TestClient> {
    const token = await testToken("editor", { sub: options.sub });
    return this.connectSynced(room, token, options.target);
  }

  /**
   * Signs a token for `name` with `role` and returns functions that connect
   * synced clients to the demo plan room and its review room. Both rooms use
   * the same token, as the web app's rooms do.
   */
  async demoRooms(role: Role, name: string): Promise<DemoRooms> {
    const token = await testToken(role, { sub: `person-${name}`, name });
    return {
      token,
      plan: () => this.connectSynced("demo", token),
      review: () => this.connectSynced("demo.review", token),
    };
  }

  /** Returns a copy of a room's document on the current server. */
  serverDoc(room: string): Y.Doc {
    const live = this.server.rooms.get(room);
    if (!live) throw new Error(`Room ${room} is not loaded on the server.`);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(live.doc));
    return copy;
  }

  /** Destroys `client` after the test, with the test's other clients. */
  track(client: TestClient): TestClient {
    this.require().clients.push(client);
    return client;
  }

  /**
   * Opens a raw socket to `room` on the current server, with no token query
   * when `token` is undefined, and terminates it after the test.
   */
  rawClient(room: string, token?: string): RawClient {
    const raw = rawClient(roomUrl(this.server, room, token));
    this.require().clients.push({ destroy: () => raw.ws.terminate() });
    return raw;
  }

  /** Destroys every client and raw socket the test opened so far. */
  destroyClients(): void {
    for (const client of this.require().clients.splice(0)) client.destroy();
  }

  /** Creates the fixture and, unless `startEachTest` is false, a server. */
  async beginTest(): Promise<void> {
    this.current = {
      fixture: createFixture(),
      logs: new LogCapture(),
      servers: [],
      clients: [],
    };
    if (this.options.startEachTest ?? true) await this.start();
  }

  /** Destroys the clients and sockets, closes every server the test started and removes the fixture. */
  async endTest(): Promise<void> {
    const current = this.current;
    if (!current) return;
    this.current = null;
    try {
      for (const client of current.clients.splice(0)) client.destroy();
      // A second close() returns the first call's promise, so closing a
      // server that the test already closed does no harm.
      for (const server of current.servers) await server.close();
    } finally {
      current.fixture.remove();
    }
  }

  private require(): TestState {
    if (!this.current)
      throw new Error(
        "The API suite has no test running: read it inside a hook or a test, after useApiServer's beforeEach.",
      );
    return this.current;
  }
}

/**
 * Registers hooks that give each test a fresh fixture and, unless
 * `startEachTest` is false, a running sync server, then destroy the test's
 * clients, close its servers and remove the fixture after it.
 */
export function useApiServer(options: ApiSuiteOptions = {}): ApiSuite {
  return useSuite(new ApiSuite(options));
}

/** Registers the per-test hooks of `suite`, an `ApiSuite` or a subclass. */
export function useSuite<T extends ApiSuite>(suite: T): T {
  beforeEach(() => suite.beginTest());
  afterEach(() => suite.endTest());
  return suite;
}
