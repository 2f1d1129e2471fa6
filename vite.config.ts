import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The web app lives in web/; its build lands in dist/web, which the sync
// server serves next to the sync endpoint.
export default defineConfig({
  root: "web",
  publicDir: "../public",
  plugins: [svelte()],
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:8080",
      "/sync": { target: "ws://127.0.0.1:8080", ws: true },
    },
  },
});
