// Starts the cluster test services by hand: `node --import tsx
// scripts/test-services/main.ts` prints DATABASE_URL and REDIS_URL, and
// Ctrl-C (or SIGTERM) stops both and removes their data.
import { startTestServices } from "./index.ts";

const services = await startTestServices();
process.stdout.write(`DATABASE_URL=${services.postgres.url}\n`);
process.stdout.write(`REDIS_URL=${services.redis.url}\n`);

const stop = () => {
  services.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(
        `Stopping the test services failed: ${(error as Error).message}`,
      );
      process.exit(1);
    },
  );
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
