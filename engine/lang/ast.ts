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
