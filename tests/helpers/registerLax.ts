// Every test file gets jax.lax registered up front, as the app has it once its chunk has loaded
// (engine/control/lazy.ts). tests/engine/controlFlow.test.ts covers the time before.
import "../../engine/control";
