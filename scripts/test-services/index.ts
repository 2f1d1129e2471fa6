import {
  startPostgres,
  type PostgresOptions,
  type TestPostgres,
} from "./postgres.ts";
import { startRedis, type TestRedis } from "./redis.ts";

export {
  startPostgres,
  startRedis,
  type PostgresOptions,
  type TestPostgres,
  type TestRedis,
};

export interface TestServices {
  postgres: TestPostgres;
  redis: TestRedis;
  stop(): Promise<void>;
}

/**
 * Starts a private PostgreSQL cluster and a redis-server for cluster tests
 * and benchmarks.
 */
export async function startTestServices(
  options: { postgresFsync?: boolean } = {},
): Promise<TestServices> {
  const postgres = await startPostgres({ fsync: options.postgresFsync });
  let redis: TestRedis;
  try {
    redis = await startRedis();
  } catch (error) {
    await postgres.stop();
    throw error;
  }
  // stop() reads the fields, so that it also stops a service a test
  // restarted and put in its place.
  const services: TestServices = {
    postgres,
    redis,
    stop: async () => {
      await services.redis.stop();
      await services.postgres.stop();
    },
  };
  return services;
}
