import { mount } from "svelte";
import "maplibre-gl/dist/maplibre-gl.css";
import "./app.css";
import App from "./App.svelte";
import { registerServiceWorker } from "./service-worker.ts";
import { installTestingHook } from "./testing-hook.ts";

installTestingHook();

const target = document.getElementById("app");
if (!target) throw new Error('Element "#app" is missing from index.html.');
mount(App, { target });

if (import.meta.env.PROD) registerServiceWorker();
