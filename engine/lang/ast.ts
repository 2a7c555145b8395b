/**
 * AST of the lambda language. Nodes mirror Python's `ast` module where it has a counterpart
 * (BinOp, Compare, Attribute, Subscript, Slice, Lambda, …) so readers can map them over.
 * `pos` is the 0-based source offset an error about the node points its caret at.
 */

export type BinOp = "+" | "-" | "*" | "/" | "**" | "@";
export type CmpOp = "<" | "<=" | ">" | ">=" | "==" | "!=";

export interface NumberNode { type: "number"; value: number; isFloat: boolean; pos: number }
export interface StringNode { type: "string"; value: string; pos: number }
/** `None`, `True`, `False`. */
export interface ConstNode { type: "const"; value: null | boolean; pos: number }
export interface NameNode { type: "name"; name: string; pos: number }
/** `...`; only meaningful inside a subscript. */
export interface EllipsisNode { type: "ellipsis"; pos: number }
/** `pos` is the operator's offset. */
export interface BinaryNode { type: "binary"; op: BinOp; left: Expr; right: Expr; pos: number }
export interface CompareNode { type: "compare"; op: CmpOp; left: Expr; right: Expr; pos: number }
export interface UnaryNode { type: "unary"; op: "-" | "+"; operand: Expr; pos: number }
/** `object.name`; `pos` is the offset of `name`. */
export interface AttrNode { type: "attr"; object: Expr; name: string; pos: number }
export interface Keyword { name: string; value: Expr; pos: number }
/** `pos` is the offset of `(`. */
export interface CallNode { type: "call"; func: Expr; args: Expr[]; keywords: Keyword[]; pos: number }
export interface SliceNode { type: "slice"; start: Expr | null; stop: Expr | null; step: Expr | null; pos: number }
/** `object[i, j:k, ...]`: one item per comma-separated entry; `pos` is the offset of `[`. */
export interface IndexNode { type: "index"; object: Expr; items: (Expr | SliceNode)[]; pos: number }
export interface TupleNode { type: "tuple"; items: Expr[]; pos: number }
export interface ListNode { type: "list"; items: Expr[]; pos: number }
export interface DictNode { type: "dict"; keys: Expr[]; values: Expr[]; pos: number }
export interface LambdaNode { type: "lambda"; params: string[]; body: Expr; pos: number }

export type Expr =
  | NumberNode
  | StringNode
  | ConstNode
  | NameNode
  | EllipsisNode
  | BinaryNode
  | CompareNode
  | UnaryNode
  | AttrNode
  | CallNode
  | IndexNode
  | TupleNode
  | ListNode
  | DictNode
  | LambdaNode;

/**
 * Statements of a program (a pasted JAX snippet, or a function box holding `def`s), mirroring
 * Python's `ast` (FunctionDef, Return, Assign, Expr, Import, ImportFrom, Pass). `pos` is the
 * statement's first character, `end` the offset just past its last one: importJax copies the
 * statements a function needs by these offsets, so its text is the user's own.
 */
export interface Param { name: string; default: Expr | null; pos: number }
/** An assignment target: a name, or a tuple/list of targets (`k1, k2 = jax.random.split(key)`). */
export type Target = { type: "name"; name: string; pos: number } | { type: "tuple"; items: Target[]; pos: number };
export interface DefStmt { type: "def"; name: string; params: Param[]; body: Stmt[]; decorators: Expr[]; pos: number; defPos: number; end: number }
export interface ReturnStmt { type: "return"; value: Expr | null; pos: number; end: number }
export interface AssignStmt { type: "assign"; targets: Target[]; value: Expr; pos: number; end: number }
/** `x += y` and friends: `op` is the binary operator. */
export interface AugAssignStmt { type: "augassign"; target: { type: "name"; name: string; pos: number }; op: BinOp; value: Expr; pos: number; end: number }
export interface ExprStmt { type: "expr"; value: Expr; pos: number; end: number }
/** `import jax`, `import jax.numpy as jnp`: `module` dotted, `alias` the bound name. */
export interface ImportStmt { type: "import"; names: { module: string; alias: string; pos: number }[]; pos: number; end: number }
/** `from functools import partial`, `from jax import random, vmap`. */
export interface FromImportStmt { type: "from"; module: string; names: { name: string; alias: string; pos: number }[]; pos: number; end: number }
export interface PassStmt { type: "pass"; pos: number; end: number }

export type Stmt = DefStmt | ReturnStmt | AssignStmt | AugAssignStmt | ExprStmt | ImportStmt | FromImportStmt | PassStmt;
export interface Program { type: "program"; body: Stmt[]; source: string }
