import type { ServerConfig } from "../config.ts";
import type { Logger } from "../log.ts";
import type { Storage } from "../storage.ts";
import { ClusterHealthCheck, type ClusterHealth } from "./health.ts";
import type { RoomPeers } from "./peers.ts";
import { LocalRoomCopy } from "./local-copy.ts";
import { PostgresUpdateStore } from "./postgres-store.ts";
import { RedisPeers } from "./redis-peers.ts";
import type { RoomUpdateStore } from "./update-store.ts";

/**
 * Milliseconds a shutdown waits for the PostgreSQL writes that have started.
 * Each write fails after the pool's query timeout at the latest, but a room
 * may have several queued behind one another.
 */
const DRAIN_TIMEOUT_MS = 30_000;

/** The shared parts of a cluster node: its update store and its peers. */
export interface ClusterNode {
  updates: RoomUpdateStore;
  peers: RoomPeers;
  /**
   * Copies the plan room's updates that other nodes stored into the SQLite
   * copy, before an HTTP request reads it.
   */
  refreshPlan(planId: string): Promise<void>;
  /** Checks PostgreSQL and Redis, for `GET /healthz`. */
  health(): Promise<ClusterHealth>;
  /**
   * Waits for the PostgreSQL writes that have started and for their Redis
   * publishes, then closes the Redis connections and the PostgreSQL pool.
   * Call it after the rooms stopped taking updates.
   */
  close(): Promise<void>;
}

/**
 * Connects to PostgreSQL and Redis when DATABASE_URL and REDIS_URL are set,
 * or returns null for the single-node SQLite server.
 *
 * NOTE: only room updates and snapshots move to PostgreSQL. Plans, invites,
 * people, pay data, versions, the client id registry and the review log stay
 * in the SQLite database of DATA_DIR, so every node must open the same
 * DATA_DIR on one host. The nodes copy every room update they store back to
 * that database, where the HTTP endpoints and the command line read it.
 */
export async function openCluster(
  config: ServerConfig,
  storage: Storage,
  logger: Logger,
): Promise<ClusterNode | null> {
  if (config.databaseUrl === undefined || config.redisUrl === undefined)
    return null;

  const local = new LocalRoomCopy(storage.file, config.durability);
  let updates: PostgresUpdateStore;
  try {
    updates = await PostgresUpdateStore.open({
      databaseUrl: config.databaseUrl,
      logger,
      local,
    });
  } catch (error) {
    local.close();
    throw error;
  }
  let peers: RedisPeers;
  try {
    peers = await RedisPeers.open({
      redisUrl: config.redisUrl,
      logger,
      catchUpIntervalMs: config.clusterCatchUpMs,
    });
  } catch (error) {
    await updates.close();
    local.close();
    throw error;
  }
  logger.info(
    { node: peers.nodeId, catchUpIntervalMs: config.clusterCatchUpMs },
    "cluster mode: room updates in PostgreSQL, fan-out through Redis",
  );
  const health = new ClusterHealthCheck({
    node: peers.nodeId,
    pingPostgres: (timeoutMs) => updates.ping(timeoutMs),
    isRedisSubscribed: () => peers.isSubscribed(),
    logger,
  });
  return {
    updates,
    peers,
    refreshPlan: (planId) => updates.refreshLocalCopy(planId),
    health: () => health.check(),
    close: () =>
      closeCluster(updates, peers, logger).finally(() => local.close()),
  };
}

// A write still running when the pool closes would fail, and its update
// would reach no other node, so the writes finish first. Each write publishes
// its update when it commits, and the peers wait for those publishes.
async function closeCluster(
  updates: PostgresUpdateStore,
  peers: RedisPeers,
  logger: Logger,
): Promise<void> {
  const unfinished = await updates.drainWrites(DRAIN_TIMEOUT_MS);
  if (unfinished > 0) {
    logger.error(
      { writes: unfinished, timeoutMs: DRAIN_TIMEOUT_MS },
      "PostgreSQL writes still running at shutdown, closing anyway; their clients resend on reconnect",
    );
  }
  await peers.close();
  await updates.close();
}
