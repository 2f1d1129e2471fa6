import { defineConfig, type Plugin } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The sync server the dev server proxies to; set MERIDIAN_SERVER_URL when it
// runs on another port than 8080.
const server = process.env.MERIDIAN_SERVER_URL ?? "http://127.0.0.1:8080";

// Lists every built file under assets/ in asset-list.json, so the service
// worker can keep the chunks that load only on demand (the XLSX writer, web
// workers) for offline use before they are first needed.
function assetList(): Plugin {
  return {
    name: "meridian-asset-list",
    apply: "build",
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((name) => name.startsWith("assets/"))
        .sort()
        .map((name) => `/${name}`);
      this.emitFile({
        type: "asset",
        fileName: "asset-list.json",
        source: JSON.stringify(files),
      });
    },
  };
}

// The web app lives in web/; its build lands in dist/web, which the sync
// server serves next to the sync endpoint.
export default defineConfig({
  root: "web",
  publicDir: "../public",
  plugins: [svelte({ configFile: "../svelte.config.js" }), assetList()],
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
