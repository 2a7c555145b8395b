/** Parameter names live with the other function metadata in core (vmap reads them for errors). */
export { paramNamesOf, withParamNames } from "../core/fnmeta";
