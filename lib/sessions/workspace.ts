// (fs calls carry /*turbopackIgnore*/: workspaces are run-time data, not part of the build.)
// The editor panel's view of a session's workspace folder: list, read and save text files. Paths
// are checked exactly as the lab shell checks them (terminal/policy.ts), so the editor cannot
// reach outside the workspace either.
import { mkdir, readFile, readdir, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { Refused, workspacePath } from "../terminal/policy";
import { SessionError } from "./service";

export const MAX_FILE_BYTES = 256 * 1024;

export interface WorkspaceFile {
  path: string;
  size: number;
  modifiedAt: string;
}

function resolveIn(root: string, path: string): string {
  if (!/^[A-Za-z0-9._\-/ ]{1,200}$/.test(path)) throw new SessionError(400, "A file name is letters, digits, spaces and . _ - /, at most 200 characters.");
  try {
    return workspacePath({ root, cwd: root }, path);
  } catch (e) {
    if (e instanceof Refused) throw new SessionError(400, `${path}: outside your workspace`);
    throw e;
  }
}

export async function listFiles(root: string): Promise<WorkspaceFile[]> {
  const out: WorkspaceFile[] = [];
  const walk = async (dir: string, depth: number) => {
    for (const e of await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true })) {
      if (e.name.startsWith(".")) continue;
      const p = join(dir, e.name);
      if (e.isDirectory() && depth < 4) await walk(p, depth + 1);
      else if (e.isFile()) {
        const st = await stat(/*turbopackIgnore: true*/ p);
        out.push({ path: relative(root, p), size: st.size, modifiedAt: st.mtime.toISOString() });
      }
    }
  };
  await walk(root, 0);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

export async function readWorkspaceFile(root: string, path: string): Promise<string> {
  const abs = resolveIn(root, path);
  try {
    const st = await stat(/*turbopackIgnore: true*/ abs);
    if (st.size > MAX_FILE_BYTES) throw new SessionError(413, `${path} is larger than ${MAX_FILE_BYTES / 1024} KiB; open it in the terminal with head or grep.`);
    return await readFile(/*turbopackIgnore: true*/ abs, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new SessionError(404, `${path}: no such file`);
    throw e;
  }
}

export async function saveWorkspaceFile(root: string, path: string, content: string): Promise<WorkspaceFile> {
  if (Buffer.byteLength(content) > MAX_FILE_BYTES) throw new SessionError(413, `A file can be at most ${MAX_FILE_BYTES / 1024} KiB.`);
  const abs = resolveIn(root, path);
  await mkdir(/*turbopackIgnore: true*/ dirname(abs), { recursive: true });
  await writeFile(/*turbopackIgnore: true*/ abs, content, { mode: 0o600 });
  const st = await stat(/*turbopackIgnore: true*/ abs);
  return { path: relative(root, abs), size: st.size, modifiedAt: st.mtime.toISOString() };
}
