// resource checks: an object exists (or not), and a field read with kubectl's own JSONPath
// equals / contains / matches a value; with a label selector, how many objects match.
import type { ResourceCheck } from "../labs/schema";
import { errorLine, kubectl, type KubectlTarget } from "../labs/kubectl";
import type { CheckResult } from "./types";

type Outcome = Pick<CheckResult, "status" | "message">;

const pass = (message: string): Outcome => ({ status: "passed", message });
const fail = (message: string): Outcome => ({ status: "failed", message });

export async function checkResource(target: KubectlTarget, c: ResourceCheck): Promise<Outcome> {
  const what = c.name ? `${c.kind} ${c.name}` : `${c.kind} with labels ${c.selector ?? "(any)"}`;
  const where = `in namespace ${c.namespace}`;
  const base = ["get", c.kind, ...(c.name ? [c.name] : []), "-n", c.namespace, ...(c.selector ? ["-l", c.selector] : [])];

  if (!c.name) {
    const r = await kubectl(target, [...base, "-o", "name"]);
    if (r.exitCode !== 0) return { status: "error", message: `could not list ${c.kind}: ${errorLine(r)}` };
    const n = r.stdout.split("\n").filter(Boolean).length;
    const want = c.count ?? (c.exists ? undefined : 0);
    if (want !== undefined) return n === want ? pass(`${n} ${what} ${where}`) : fail(c.hint ?? `expected ${want} ${what} ${where}, found ${n}`);
    return n > 0 ? pass(`found ${n} ${what} ${where}`) : fail(c.hint ?? `no ${what} ${where}`);
  }

  const r = await kubectl(target, [...base, "-o", c.jsonpath ? `jsonpath=${c.jsonpath}` : "name"]);
  const notFound = r.exitCode !== 0 && /\(NotFound\)/.test(r.stderr);
  if (!c.exists) {
    if (notFound) return pass(`${what} does not exist ${where}`);
    return r.exitCode === 0 ? fail(c.hint ?? `${what} still exists ${where}; the task expects it gone`) : { status: "error", message: errorLine(r) };
  }
  if (notFound) return fail(c.hint ?? `${what} does not exist ${where}`);
  if (r.exitCode !== 0) {
    // kubectl reports a JSONPath that finds nothing as an error; for a check that is a wrong value.
    if (/is not found/.test(r.stderr)) return fail(c.hint ?? `${what} has no ${c.jsonpath}`);
    return { status: "error", message: `could not read ${what}: ${errorLine(r)}` };
  }
  if (!c.jsonpath) return pass(`${what} exists ${where}`);
  const value = r.stdout.trim();
  const shown = value === "" ? "(empty)" : value;
  if (c.equals !== undefined && value !== String(c.equals)) return fail(c.hint ?? `${what}: ${c.jsonpath} is ${shown}, expected ${c.equals}`);
  if (c.contains !== undefined && !value.includes(c.contains)) return fail(c.hint ?? `${what}: ${c.jsonpath} is ${shown}, which does not contain ${c.contains}`);
  if (c.matches !== undefined && !new RegExp(c.matches).test(value)) return fail(c.hint ?? `${what}: ${c.jsonpath} is ${shown}, which does not match ${c.matches}`);
  return pass(`${what}: ${c.jsonpath} is ${shown}`);
}
