// The editor panel's files in a lab session's workspace.
//   GET  /api/lab-sessions/:id/files            → { files: [{ path, size, modifiedAt }] }
//   GET  /api/lab-sessions/:id/files?path=x.yaml → { path, content }
//   PUT  /api/lab-sessions/:id/files { path, content } → { file }
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { readJson, route } from "@/lib/server/route";
import { labRuntime } from "@/lib/sessions/runtime";
import { asHttp } from "@/lib/sessions/http";
import { listFiles, readWorkspaceFile, saveWorkspaceFile } from "@/lib/sessions/workspace";

type Ctx = { params: Promise<{ id: string }> };

async function workspaceOf(id: string): Promise<string> {
  const user = await requireUser();
  const { service } = await labRuntime();
  await asHttp(() => service.get(user.id, id));
  return service.paths(id).workspace;
}

export const GET = route(async (request: Request, { params }: Ctx) => {
  const root = await workspaceOf((await params).id);
  const path = new URL(request.url).searchParams.get("path");
  if (path === null) return { files: await listFiles(root) };
  return { path, content: await asHttp(() => readWorkspaceFile(root, path)) };
});

const Body = z.object({ path: z.string().min(1, "A file name is required."), content: z.string() });

export const PUT = route(async (request: Request, { params }: Ctx) => {
  const root = await workspaceOf((await params).id);
  const { path, content } = await readJson(request, Body);
  return { file: await asHttp(() => saveWorkspaceFile(root, path, content)) };
});
