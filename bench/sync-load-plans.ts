import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import {
  readRss,
  sleep,
  startServerProcess,
  type ServerKind,
  type ServerStartOptions,
} from "./sync-load-servers.ts";

// The open-plans scenario of bench/sync-load.ts: many plans open at once,
// one idle client each, and the server's resident memory before and after.

/** Open plans connect this many clients at a time. */
const CONNECT_CONCURRENCY = 50;

export interface PlansResult {
  server: ServerKind;
  run: number;
  plans: number;
  rssStartedMiB: number;
  rssOpenMiB: number;
  perPlanKiB: number;
  openSeconds: number;
}

/**
 * Opens `plans` plans on a new server process with one idle client each,
 * and measures the server's resident memory before and 2 s after the last
 * client synced.
 */
export async function runPlans(
  kind: ServerKind,
  run: number,
  plans: number,
  server: Omit<ServerStartOptions, "planIds">,
): Promise<PlansResult> {
  const planIds = Array.from({ length: plans }, (_, i) => `plan-${i}`);
  const running = await startServerProcess(kind, { ...server, planIds });
  const providers: WebsocketProvider[] = [];
  try {
    await sleep(1_000);
    const rssStarted = readRss(running.pid);
    const startedAt = performance.now();
    for (let i = 0; i < planIds.length; i += CONNECT_CONCURRENCY) {
      const batch = planIds.slice(i, i + CONNECT_CONCURRENCY);
      const clients = await Promise.all(
        batch.map(async (planId) => {
          const params = await running.tokenFor(planId, 0);
          const doc = new Y.Doc();
          Y.applyUpdate(doc, server.initialUpdate);
          const provider = new WebsocketProvider(
            `ws://127.0.0.1:${running.port}/sync`,
            planId,
            doc,
            { params, WebSocketPolyfill: WebSocket as never, disableBc: true },
          );
          providers.push(provider);
          return provider;
        }),
      );
      await Promise.all(clients.map(whenSynced));
    }
    const openSeconds = (performance.now() - startedAt) / 1000;
    await sleep(2_000);
    const rssOpen = readRss(running.pid);
    return {
      server: kind,
      run,
      plans,
      rssStartedMiB: round(rssStarted / 2 ** 20, 1),
      rssOpenMiB: round(rssOpen / 2 ** 20, 1),
      perPlanKiB: Math.round((rssOpen - rssStarted) / plans / 1024),
      openSeconds: round(openSeconds, 1),
    };
  } finally {
    for (const provider of providers) {
      provider.destroy();
      provider.doc.destroy();
    }
    await running.stop();
  }
}

function whenSynced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) =>
    provider.once("sync", (synced: boolean) => {
      if (synced) resolve();
    }),
  );
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
