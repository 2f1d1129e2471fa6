import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The sync server the dev server proxies to; set MERIDIAN_SERVER_URL when it
// runs on another port than 8080.
const server = process.env.MERIDIAN_SERVER_URL ?? "http://127.0.0.1:8080";

// The web app lives in web/; its build lands in dist/web, which the sync
// server serves next to the sync endpoint.
export default defineConfig({
  root: "web",
  publicDir: "../public",
  plugins: [svelte({ configFile: "../svelte.config.js" })],
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: {
      "/api": server,
      "/sync": { target: server.replace(/^http/, "ws"), ws: true },
    },
  },
});
