import type https from "node:https";
import type { Logger } from "./log.ts";

/**
 * Logs the connections that fail before their TLS handshake completes,
 * which Node's https server otherwise closes without a trace. A plain HTTP
 * request on the TLS port, as from an `http://` link, fails with OpenSSL's
 * "http request" error (code ERR_SSL_HTTP_REQUEST in Node 20) and gets one
 * debug line. Other handshake failures, such as a client that rejects the
 * certificate, are logged at debug too, because any client can cause them.
 */
export function logTlsClientErrors(server: https.Server, logger: Logger): void {
  server.on("tlsClientError", (error: NodeJS.ErrnoException, socket) => {
    const fields = {
      code: error.code,
      remoteAddress: socket.remoteAddress,
      remotePort: socket.remotePort,
    };
    if (error.code === "ERR_SSL_HTTP_REQUEST") {
      logger.debug(fields, "plain HTTP request on the TLS port");
      return;
    }
    logger.debug({ ...fields, err: error }, "TLS handshake failed");
  });
}
