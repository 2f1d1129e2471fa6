import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { contentTypeOf } from "./content-types.ts";
import { HttpError } from "./http-json.ts";

/**
 * Cache-Control of files whose name changes with their content (vite's
 * assets/).
 */
export const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * Cache-Control of files that keep their name: revalidate with the ETag each
 * time.
 */
const REVALIDATE = "no-cache";

/**
 * Serves the built web app. A path without a file extension that matches no
 * file gets index.html, so the app's own routes load on a reload. A missing
 * file with an extension is a 404.
 */
export class StaticFiles {
  private readonly root: string;

  constructor(webDir: string) {
    this.root = path.resolve(webDir);
  }

  async serve(
    request: IncomingMessage,
    response: ServerResponse,
    pathname: string,
  ): Promise<void> {
    const file = this.resolve(pathname);
    const stat = file ? await statFile(file) : null;
    if (file && stat) {
      await sendFile(request, response, file, stat, cacheControlOf(pathname));
      return;
    }

    const wantsPage =
      path.extname(pathname) === "" ||
      (request.headers.accept ?? "").includes("text/html");
    if (!wantsPage) {
      throw new HttpError(404, "NOT_FOUND", `No file at ${pathname}.`);
    }

    const index = path.join(this.root, "index.html");
    const indexStat = await statFile(index);
    if (!indexStat) {
      throw new HttpError(
        503,
        "WEB_APP_NOT_BUILT",
        `The web app is not built: ${index} is missing. Run "npm run build", or "npm start", which builds first.`,
      );
    }
    await sendFile(request, response, index, indexStat, REVALIDATE);
  }

  // Maps a URL path to a file under the root, or null when it would leave it.
  private resolve(pathname: string): string | null {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return null;
    }
    if (decoded.includes("\0")) return null;
    const relative = decoded.endsWith("/") ? `${decoded}index.html` : decoded;
    const file = path.resolve(this.root, `.${relative}`);
    return file.startsWith(this.root + path.sep) ? file : null;
  }
}

function cacheControlOf(pathname: string): string {
  return pathname.startsWith("/assets/") ? IMMUTABLE : REVALIDATE;
}

async function statFile(file: string): Promise<fs.Stats | null> {
  try {
    const stat = await fs.promises.stat(file);
    return stat.isFile() ? stat : null;
  } catch {
    return null;
  }
}

/**
 * Sends a file with its Content-Type, an ETag from size and modification
 * time, and 304 when the client's copy is current. HEAD gets the headers only.
 */
export async function sendFile(
  request: IncomingMessage,
  response: ServerResponse,
  file: string,
  stat: { size: number; mtimeMs: number },
  cacheControl: string,
  etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`,
): Promise<void> {
  const headers = {
    "Content-Type": contentTypeOf(file),
    "Cache-Control": cacheControl,
    ETag: etag,
  };
  if (request.headers["if-none-match"] === etag) {
    response.writeHead(304, headers);
    response.end();
    return;
  }

  response.writeHead(200, { ...headers, "Content-Length": stat.size });
  if (request.method === "HEAD") {
    response.end();
    return;
  }
  try {
    await pipeline(fs.createReadStream(file), response);
  } catch (error) {
    // The client closed the connection before the response finished, as a
    // cancelled page load does, so no reply can be sent.
    if ((error as NodeJS.ErrnoException).code === "ERR_STREAM_PREMATURE_CLOSE")
      return;
    throw error;
  }
}
