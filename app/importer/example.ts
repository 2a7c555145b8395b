/** The example snippet: the Import dialog offers it, and the tests import it. */
export const PREDICT_EXAMPLE = `import jax
import jax.numpy as jnp

def predict(w, b, x):
    h = jnp.tanh(x @ w + b)
    return jnp.sum(h ** 2, axis=-1)

w = jnp.ones((3, 4)); b = jnp.zeros(4)
xs = jnp.arange(24.).reshape(2, 4, 3)
out = jax.vmap(predict, in_axes=(None, None, 0))(w, b, xs)
print(out.shape)
`;
