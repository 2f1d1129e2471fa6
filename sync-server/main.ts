// Entry point of `npm start`: reads the configuration from the environment,
// starts the server, prints invite links to the demo plan, and shuts down
// cleanly on SIGTERM or SIGINT.
import { ConfigError, readConfig } from "./config.ts";
import { createLogger } from "./log.ts";
import { startServer } from "./server.ts";

let config;
try {
  config = readConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}

const logger = createLogger(config.logLevel);
let server;
try {
  server = await startServer({ ...config, logger });
} catch (error) {
  logger.fatal({ err: error }, "server failed to start");
  logger.flush();
  console.error(`Meridian server failed to start: ${(error as Error).message}`);
  // An invalid value found only at start-up, such as a short AUTH_SECRET,
  // exits like one found by readConfig.
  process.exit(error instanceof ConfigError ? 2 : 1);
}

// The handlers are registered before the links are printed, so a signal
// sent as soon as they appear still shuts the server down cleanly.
let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "signal received");
  server.close().then(
    () => {
      logger.flush();
      process.exit(0);
    },
    (error: unknown) => {
      logger.error({ err: error }, "shutdown failed");
      logger.flush();
      process.exit(1);
    },
  );
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

// These lines are the plain-text interface of a start: scripts grep them.
const links = await server.demoLinks();
for (const link of links) console.log(`${link.role}: ${link.url}`);
const payAdmin = await server.demoPayAdminLink();
if (payAdmin !== null) console.log(`incentives admin: ${payAdmin}`);
if (links.length === 0) {
  logger.warn('no plan "demo" on this server, so no invite links to print');
}
