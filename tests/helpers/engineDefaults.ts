// The engine project runs its files without isolation (vite.config.ts): files share the engine's
// modules, so each starts from JAX's default config whatever the file before switched on (the
// oracle's cases switch x64 on and leave it so).
import { config } from "../../engine/index";

config.update("jax_enable_x64", false);
