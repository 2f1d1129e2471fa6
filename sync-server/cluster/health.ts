import type { HealthReport } from "../http.ts";
import type { Logger } from "../log.ts";

/** Milliseconds `GET /healthz` waits for the result of `SELECT 1`. */
const PING_TIMEOUT_MS = 2_000;

/** The state of a node's shared services, as `GET /healthz` returns it. */
export interface ClusterHealth {
  /** Random id of this node, as in its log lines. */
  node: string;
  postgres: "reachable" | "unreachable";
  redis: "subscribed" | "disconnected";
}

export interface HealthProbes {
  node: string;
  /** Resolves once PostgreSQL returned a query result, rejects otherwise. */
  pingPostgres(timeoutMs: number): Promise<void>;
  /** True while Redis is connected and every loaded room is subscribed. */
  isRedisSubscribed(): boolean;
  logger: Logger;
}

/**
 * Checks PostgreSQL and Redis for `GET /healthz`. Requests that arrive
 * while a check runs share its result, and a change of either state is
 * logged once, not on every request.
 */
export class ClusterHealthCheck {
  private readonly probes: HealthProbes;
  private running: Promise<ClusterHealth> | null = null;
  private last: ClusterHealth | null = null;

  constructor(probes: HealthProbes) {
    this.probes = probes;
  }

  check(): Promise<ClusterHealth> {
    this.running ??= this.probe().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async probe(): Promise<ClusterHealth> {
    let postgresError: unknown = null;
    try {
      await withTimeout(
        this.probes.pingPostgres(PING_TIMEOUT_MS),
        PING_TIMEOUT_MS,
      );
    } catch (error) {
      postgresError = error;
    }
    const health: ClusterHealth = {
      node: this.probes.node,
      postgres: postgresError === null ? "reachable" : "unreachable",
      redis: this.probes.isRedisSubscribed() ? "subscribed" : "disconnected",
    };
    this.logChanges(health, postgresError);
    this.last = health;
    return health;
  }

  private logChanges(health: ClusterHealth, postgresError: unknown): void {
    const logger = this.probes.logger;
    const last = this.last ?? { postgres: "reachable", redis: "subscribed" };
    if (health.postgres !== last.postgres) {
      if (postgresError === null) logger.info("health: PostgreSQL reachable");
      else
        logger.error(
          { err: postgresError, timeoutMs: PING_TIMEOUT_MS },
          "health: PostgreSQL unreachable, /healthz returns 503",
        );
    }
    if (health.redis !== last.redis) {
      if (health.redis === "subscribed")
        logger.info("health: Redis subscribed");
      else logger.error("health: Redis disconnected, /healthz returns 503");
    }
  }
}

/**
 * Returns the `GET /healthz` report of a node: ready unless it is a cluster
 * node whose PostgreSQL or Redis is down.
 */
export async function healthReport(
  figures: Record<string, unknown>,
  cluster: { health(): Promise<ClusterHealth> } | null,
): Promise<HealthReport> {
  if (cluster === null) return { ready: true, figures };
  const state = await cluster.health();
  return {
    ready: state.postgres === "reachable" && state.redis === "subscribed",
    figures: { ...figures, cluster: state },
  };
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
