// Shell arithmetic $(( ... )) (XCU 2.6.4): integers, variables, + - * / % comparisons, && || !,
// parentheses, ?: and assignments (= += -= *= /=). Division by zero is an error, as in dash.

export class ArithError extends Error {}

type Tok = { k: "num"; v: number } | { k: "id"; v: string } | { k: "op"; v: string };

const OPS = ["<<=", ">>=", "&&", "||", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", "<<", ">>", "++", "--", "+", "-", "*", "/", "%", "(", ")", "<", ">", "!", "=", "?", ":", "&", "|", "^", "~"];

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(0x[0-9a-fA-F]+|\d+)/.exec(src.slice(i));
    if (num) {
      out.push({ k: "num", v: Number(num[1].startsWith("0") && num[1].length > 1 && !num[1].startsWith("0x") ? parseInt(num[1], 8) : num[1]) });
      i += num[1].length;
      continue;
    }
    const id = /^\$?([A-Za-z_][A-Za-z0-9_]*)/.exec(src.slice(i));
    if (id) {
      out.push({ k: "id", v: id[1] });
      i += id[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new ArithError(`arithmetic expression: expecting primary: "${src}"`);
    out.push({ k: "op", v: op });
    i += op.length;
  }
  return out;
}

const BINARY: Record<string, number> = { "||": 1, "&&": 2, "|": 3, "^": 4, "&": 5, "==": 6, "!=": 6, "<": 7, ">": 7, "<=": 7, ">=": 7, "<<": 8, ">>": 8, "+": 9, "-": 9, "*": 10, "/": 10, "%": 10 };

export function evalArith(src: string, get: (name: string) => string | undefined, set: (name: string, v: string) => void): number {
  const toks = lex(src);
  let i = 0;
  const peek = () => toks[i];
  const val = (name: string) => {
    const raw = get(name);
    if (raw === undefined || raw.trim() === "") return 0;
    const n = Number(raw.trim());
    if (!Number.isInteger(n)) throw new ArithError(`arithmetic expression: expecting primary: "${raw}"`);
    return n;
  };
  const apply = (op: string, a: number, b: number): number => {
    switch (op) {
      case "+": return a + b;
      case "-": return a - b;
      case "*": return a * b;
      case "/":
      case "%":
        if (b === 0) throw new ArithError("divide by zero");
        return op === "/" ? Math.trunc(a / b) : a % b;
      case "<<": return a << b;
      case ">>": return a >> b;
      case "<": return +(a < b);
      case ">": return +(a > b);
      case "<=": return +(a <= b);
      case ">=": return +(a >= b);
      case "==": return +(a === b);
      case "!=": return +(a !== b);
      case "&": return a & b;
      case "|": return a | b;
      case "^": return a ^ b;
      case "&&": return +(a !== 0 && b !== 0);
      case "||": return +(a !== 0 || b !== 0);
    }
    throw new ArithError(`unknown operator ${op}`);
  };
  const primary = (): number => {
    const t = toks[i++];
    if (!t) throw new ArithError(`arithmetic expression: expecting primary: "${src}"`);
    if (t.k === "num") return t.v;
    if (t.k === "id") {
      const n = peek();
      if (n?.k === "op" && ["=", "+=", "-=", "*=", "/=", "%="].includes(n.v)) {
        i++;
        const rhs = assignment();
        const v = n.v === "=" ? rhs : apply(n.v[0], val(t.v), rhs);
        set(t.v, String(v));
        return v;
      }
      if (n?.k === "op" && (n.v === "++" || n.v === "--")) {
        i++;
        const old = val(t.v);
        set(t.v, String(n.v === "++" ? old + 1 : old - 1));
        return old;
      }
      return val(t.v);
    }
    if (t.v === "(") {
      const v = assignment();
      if (toks[i++]?.v !== ")") throw new ArithError(`arithmetic expression: expecting ')': "${src}"`);
      return v;
    }
    if (t.v === "-") return -primary();
    if (t.v === "+") return primary();
    if (t.v === "!") return +(primary() === 0);
    if (t.v === "~") return ~primary();
    if (t.v === "++" || t.v === "--") {
      const id = toks[i++];
      if (id?.k !== "id") throw new ArithError(`arithmetic expression: expecting primary: "${src}"`);
      const v = val(id.v) + (t.v === "++" ? 1 : -1);
      set(id.v, String(v));
      return v;
    }
    throw new ArithError(`arithmetic expression: expecting primary: "${src}"`);
  };
  const binary = (minPrec: number): number => {
    let left = primary();
    while (true) {
      const t = peek();
      if (!t || t.k !== "op" || !(t.v in BINARY) || BINARY[t.v] < minPrec) return left;
      i++;
      const right = binary(BINARY[t.v] + 1);
      left = apply(t.v, left, right);
    }
  };
  const assignment = (): number => {
    const c = binary(1);
    if (peek()?.v === "?") {
      i++;
      const a = assignment();
      if (toks[i++]?.v !== ":") throw new ArithError(`arithmetic expression: expecting ':': "${src}"`);
      const b = assignment();
      return c !== 0 ? a : b;
    }
    return c;
  };
  if (toks.length === 0) return 0;
  const v = assignment();
  if (i < toks.length) throw new ArithError(`arithmetic expression: expecting EOF: "${src}"`);
  return v;
}
