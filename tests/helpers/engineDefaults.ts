// The engine project runs its files without isolation (vite.config.ts): files share the engine's
// modules, so each starts from the engine's defaults whatever the file before left set (the
// oracle's cases switch x64 on and leave it so; the CSP tests switch code generation off).
import { config, setCodegenAllowed } from "../../engine/index";

config.update("jax_enable_x64", false);
setCodegenAllowed(null);
