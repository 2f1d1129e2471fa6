import type { ServerConfig } from "../config.ts";
import type { Logger } from "../log.ts";
import type { Storage } from "../storage.ts";
import type { RoomPeers } from "./peers.ts";
import { PostgresUpdateStore } from "./postgres-store.ts";
import { RedisPeers } from "./redis-peers.ts";
import type { RoomUpdateStore } from "./update-store.ts";

/** The shared parts of a cluster node: its update store and its peers. */
export interface ClusterNode {
  updates: RoomUpdateStore;
  peers: RoomPeers;
  /** Closes the Redis connections, then the PostgreSQL pool. */
  close(): Promise<void>;
}

/**
 * Connects to PostgreSQL and Redis when DATABASE_URL and REDIS_URL are set,
 * or returns null for the single-node SQLite server.
 *
 * NOTE: only room updates and snapshots move to PostgreSQL. Plans, invites,
 * people, pay data, versions, the client id registry and the review log stay
 * in the SQLite database of DATA_DIR, so every node must open the same
 * DATA_DIR on one host. HTTP endpoints that rebuild a plan from SQLite
 * (versions, history, pay, review status, scenarios, backups) do not see
 * the edits made in cluster mode.
 */
export async function openCluster(
  config: ServerConfig,
  storage: Storage,
  logger: Logger,
): Promise<ClusterNode | null> {
  if (config.databaseUrl === undefined || config.redisUrl === undefined)
    return null;

  const updates = await PostgresUpdateStore.open({
    databaseUrl: config.databaseUrl,
    logger,
    readLocalRoom: (room) => storage.loadRoom(room),
  });
  let peers: RedisPeers;
  try {
    peers = await RedisPeers.open({
      redisUrl: config.redisUrl,
      logger,
      catchUpIntervalMs: config.clusterCatchUpMs,
    });
  } catch (error) {
    await updates.close();
    throw error;
  }
  logger.info(
    { node: peers.nodeId, catchUpIntervalMs: config.clusterCatchUpMs },
    "cluster mode: room updates in PostgreSQL, fan-out through Redis",
  );
  return {
    updates,
    peers,
    close: async () => {
      await peers.close();
      await updates.close();
    },
  };
}
