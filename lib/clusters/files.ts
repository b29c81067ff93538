// Files that hold cluster credentials: only the server's user may read them.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export function writePrivate(path: string, content: string): void {
  mkdirSync(/*turbopackIgnore: true*/ dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(/*turbopackIgnore: true*/ path, content, { mode: 0o600 });
}
