// Parses shell tokens into the syntax tree (ast.ts): lists, && ||, pipelines, simple commands
// with assignments and redirections, ( ) and { } groups, if/while/until/for/case.
// Reserved words count only where the POSIX grammar recognises them (first word of a command).
import type { AndOr, Case, Command, For, If, List, Loop, Pipeline, Redirect, Simple, Word } from "./ast";
import { IncompleteInput, ShellSyntaxError, tokenize, type Token } from "./lexer";

const RESERVED = new Set(["if", "then", "else", "elif", "fi", "do", "done", "while", "until", "for", "in", "case", "esac", "{", "}", "!"]);
/** Words that end a list (the parser returns to the construct that expects them). */
const LIST_END = new Set(["then", "else", "elif", "fi", "do", "done", "}", "esac", ";;"]);

export function parse(src: string): List {
  return new Parser(tokenize(src)).program();
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

  private peek(): Token {
    return this.toks[this.i];
  }
  private next(): Token {
    return this.toks[this.i++];
  }
  private reserved(t: Token = this.peek()): string | undefined {
    return t.kind === "word" && RESERVED.has(t.raw) ? t.raw : undefined;
  }
  private isOp(op: string, t: Token = this.peek()): boolean {
    return t.kind === "op" && t.op === op && t.fd === undefined;
  }
  private skipNewlines(): void {
    while (this.peek().kind === "newline") this.i++;
  }
  private fail(t: Token, expecting: string): never {
    if (t.kind === "eof") throw new IncompleteInput(expecting);
    throw new ShellSyntaxError(t.kind === "word" ? t.raw : t.kind === "op" ? t.op : "newline", t.line);
  }
  private expectWord(w: string): void {
    this.skipNewlines();
    const t = this.next();
    if (this.reserved(t) !== w) this.fail(t, `"${w}"`);
  }

  program(): List {
    this.skipNewlines();
    const list = this.list(true);
    const t = this.peek();
    if (t.kind !== "eof") this.fail(t, "end of file");
    return list;
  }

  /** A list of and-or lists separated by ; & or newlines, up to a list terminator. */
  private list(top = false, expecting = "command"): List {
    const out: List = [];
    while (true) {
      this.skipNewlines();
      const t = this.peek();
      if (t.kind === "eof") break;
      if (t.kind === "op" && (t.op === ")" || t.op === ";;")) break;
      const r = this.reserved(t);
      if (r && LIST_END.has(r)) break;
      const ao = this.andOr();
      out.push(ao);
      const sep = this.peek();
      if (sep.kind === "op" && (sep.op === ";" || sep.op === "&") && sep.fd === undefined) {
        this.i++;
        if (sep.op === "&") ao.background = true;
        continue;
      }
      if (sep.kind === "newline") continue;
      if (sep.kind === "eof") break;
      if (sep.kind === "op" && (sep.op === ")" || sep.op === ";;")) break;
      if (this.reserved(sep) && LIST_END.has(this.reserved(sep)!)) break;
      this.fail(sep, "end of command");
    }
    if (!top && out.length === 0) this.fail(this.peek(), expecting);
    return out;
  }

  private andOr(): AndOr {
    const first = this.pipeline();
    const rest: AndOr["rest"] = [];
    while (this.isOp("&&") || this.isOp("||")) {
      const op = (this.next() as { op: "&&" | "||" }).op;
      this.skipNewlines();
      rest.push({ op, pipeline: this.pipeline() });
    }
    return { first, rest, background: false };
  }

  private pipeline(): Pipeline {
    let negate = false;
    if (this.reserved() === "!") {
      this.i++;
      negate = true;
    }
    const commands: Command[] = [this.command()];
    while (this.isOp("|")) {
      this.i++;
      this.skipNewlines();
      commands.push(this.command());
    }
    return { negate, commands };
  }

  private command(): Command {
    const t = this.peek();
    const r = this.reserved(t);
    let cmd: Command;
    if (this.isOp("(")) {
      this.i++;
      const body = this.list(false, '")"');
      if (!this.isOp(")")) this.fail(this.peek(), '")"');
      this.i++;
      cmd = { type: "subshell", body, redirects: [] };
    } else if (r === "{") {
      this.i++;
      const body = this.list(false, '"}"');
      this.expectWord("}");
      cmd = { type: "group", body, redirects: [] };
    } else if (r === "if") cmd = this.ifClause();
    else if (r === "while" || r === "until") cmd = this.loop(r);
    else if (r === "for") cmd = this.forClause();
    else if (r === "case") cmd = this.caseClause();
    else if (r && r !== "in") this.fail(t, "command");
    else if (t.kind === "word" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(t.raw) && this.isOp("(", this.toks[this.i + 1]) && this.isOp(")", this.toks[this.i + 2])) {
      this.i += 3;
      this.skipNewlines();
      const body = this.command();
      return { type: "function", name: t.raw, body, redirects: [] };
    } else return this.simple();
    while (this.peek().kind === "op" && isRedirOp(this.peek())) cmd.redirects.push(this.redirect());
    return cmd;
  }

  private ifClause(): If {
    this.i++;
    const clauses: If["clauses"] = [];
    const cond = this.list(false, '"then"');
    this.expectWord("then");
    clauses.push({ cond, body: this.list(false, '"fi"') });
    let otherwise: List | undefined;
    while (true) {
      this.skipNewlines();
      const t = this.next();
      const r = this.reserved(t);
      if (r === "elif") {
        const c = this.list(false, '"then"');
        this.expectWord("then");
        clauses.push({ cond: c, body: this.list(false, '"fi"') });
      } else if (r === "else") {
        otherwise = this.list(false, '"fi"');
        this.expectWord("fi");
        break;
      } else if (r === "fi") break;
      else this.fail(t, '"fi"');
    }
    return { type: "if", clauses, otherwise, redirects: [] };
  }

  private loop(kind: "while" | "until"): Loop {
    this.i++;
    const cond = this.list(false, '"do"');
    this.expectWord("do");
    const body = this.list(false, '"done"');
    this.expectWord("done");
    return { type: kind, cond, body, redirects: [] };
  }

  private forClause(): For {
    this.i++;
    const nameTok = this.next();
    if (nameTok.kind !== "word" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(nameTok.raw)) this.fail(nameTok, "name");
    let items: Word[] | undefined;
    this.skipNewlines();
    if (this.reserved() === "in") {
      this.i++;
      items = [];
      while (this.peek().kind === "word") items.push((this.next() as { word: Word }).word);
      const sep = this.peek();
      if (sep.kind === "newline" || this.isOp(";")) this.i++;
      else this.fail(sep, '"do"');
    } else if (this.isOp(";")) this.i++;
    this.expectWord("do");
    const body = this.list(false, '"done"');
    this.expectWord("done");
    return { type: "for", name: nameTok.raw, items, body, redirects: [] };
  }

  private caseClause(): Case {
    this.i++;
    const subj = this.next();
    if (subj.kind !== "word") this.fail(subj, "word");
    this.skipNewlines();
    if (this.reserved() !== "in") this.fail(this.peek(), '"in"');
    this.i++;
    const arms: Case["arms"] = [];
    while (true) {
      this.skipNewlines();
      if (this.reserved() === "esac") {
        this.i++;
        break;
      }
      if (this.isOp("(")) this.i++;
      const patterns: Word[] = [];
      while (true) {
        const p = this.next();
        if (p.kind !== "word") this.fail(p, "pattern");
        patterns.push(p.word);
        if (this.isOp("|")) {
          this.i++;
          continue;
        }
        break;
      }
      if (!this.isOp(")")) this.fail(this.peek(), '")"');
      this.i++;
      this.skipNewlines();
      const body = this.reserved() === "esac" || this.isOp(";;") ? [] : this.list();
      if (this.isOp(";;")) this.i++;
      else if (this.reserved() !== "esac") this.fail(this.peek(), '"esac"');
      arms.push({ patterns, body });
    }
    return { type: "case", subject: subj.word, arms, redirects: [] };
  }

  private simple(): Simple {
    const cmd: Simple = { type: "simple", assigns: [], words: [], redirects: [], line: this.peek().line };
    while (true) {
      const t = this.peek();
      if (t.kind === "op" && isRedirOp(t)) {
        cmd.redirects.push(this.redirect());
        continue;
      }
      if (t.kind !== "word") break;
      if (cmd.words.length === 0) {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(t.raw);
        const first = t.word[0];
        if (m && first && first.t === "lit" && !first.q && first.v.startsWith(m[0])) {
          this.i++;
          const value: Word = [{ ...first, v: first.v.slice(m[0].length) }, ...t.word.slice(1)];
          cmd.assigns.push({ name: m[1], value });
          continue;
        }
      }
      this.i++;
      cmd.words.push(t.word);
    }
    if (cmd.words.length === 0 && cmd.assigns.length === 0 && cmd.redirects.length === 0) this.fail(this.peek(), "command");
    return cmd;
  }

  private redirect(): Redirect {
    const t = this.next() as { op: string; fd?: number; line: number };
    const target = this.next();
    if (target.kind !== "word") this.fail(target, "word");
    const op = (t.op === ">|" ? ">" : t.op) as Redirect["op"];
    const fd = t.fd ?? (op === "<" || op === "<&" || op === "<>" ? 0 : 1);
    return { fd, op, target: target.word };
  }
}

function isRedirOp(t: Token): boolean {
  return t.kind === "op" && [">", ">>", "<", ">&", "<&", "<>", ">|"].includes(t.op);
}
