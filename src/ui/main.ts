import "./components/drydock-app/drydock-app";
import { EngineClient } from "./engine-client";

const worker = new Worker(new URL("../engine/worker.ts", import.meta.url), { type: "module" });
const app = document.createElement("drydock-app");
app.engine = new EngineClient(worker);
document.body.append(app);
