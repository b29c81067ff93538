// Reads and validates labs/<id>/lab.yaml. Errors name the file and the field, so a lab author
// sees "labs/netpol-ingress/lab.yaml: tasks.0.checks.1.expect.frontend.db is missing ...".
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { Lab } from "./schema";

// (The fs calls carry /*turbopackIgnore*/: labs are read at run time from labs/, not traced into the build.)
export const labsDir = (): string => join(/*turbopackIgnore: true*/ process.cwd(), "labs");

export class LabFormatError extends Error {
  override name = "LabFormatError";
}

export function loadLab(id: string, dir = labsDir()): Lab {
  const file = join(dir, id, "lab.yaml");
  if (!existsSync(/*turbopackIgnore: true*/ file)) throw new LabFormatError(`no lab "${id}": ${file} does not exist`);
  let raw: unknown;
  try {
    raw = parse(readFileSync(/*turbopackIgnore: true*/ file, "utf8"));
  } catch (e) {
    throw new LabFormatError(`${file} is not valid YAML: ${(e as Error).message}`);
  }
  const parsed = Lab.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(lab)"}: ${i.message}`).join("\n");
    throw new LabFormatError(`${file} is not a valid lab:\n${issues}`);
  }
  if (parsed.data.id !== id) throw new LabFormatError(`${file}: id "${parsed.data.id}" must equal its folder name "${id}"`);
  return parsed.data;
}

/** Every lab id under labs/ (folders holding a lab.yaml), sorted. */
export function listLabIds(dir = labsDir()): string[] {
  if (!existsSync(/*turbopackIgnore: true*/ dir)) return [];
  return readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(/*turbopackIgnore: true*/ join(dir, d.name, "lab.yaml")))
    .map((d) => d.name)
    .sort();
}

const cache = new Map<string, Lab>();

/** Cached for the process: lab files change only with a deploy. */
export function getLab(id: string): Lab {
  let lab = cache.get(id);
  if (!lab) {
    lab = loadLab(id);
    cache.set(id, lab);
  }
  return lab;
}
