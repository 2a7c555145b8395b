// Every test file starts with the engine's families (jax.lax, indexing by values, pmap) loaded,
// as the app has them once their chunks have arrived: engine/index.ts loads them outside the
// built app (engine/lazyFamily.ts). tests/engine/lazyFamily.test.ts covers the time before.
import "../../engine/index";
