// The course seed (content/seed/kubernetes-networking-deep-dive.txt, a copy of the brief's source text):
// its FAQ table and its prose statements, which the course must teach. Used by the content check
// and the coverage tests; the seed itself is never shown to learners.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { contentDir } from "./outline";

export const seedFile = (dir = contentDir()): string => join(dir, "seed", "kubernetes-networking-deep-dive.txt");

export type SeedFaqRow = { number: number; question: string; answer: string };

export function readSeed(dir = contentDir()): string {
  return readFileSync(seedFile(dir), "utf8");
}

/** The seed's "| # | Question | Answer |" rows. */
export function parseSeedFaq(text: string): SeedFaqRow[] {
  const rows: SeedFaqRow[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = line.match(/^\|\s*(\d+)\s*\|\s*(.*?)\s*\|\s*(.*?)\s*\|$/);
    if (m) rows.push({ number: Number(m[1]), question: m[2], answer: m[3] });
  }
  return rows;
}

/**
 * The seed's prose statements: every sentence outside the title, table of contents, FAQ table and
 * further-reading list, plus the Service YAML and the command, each as one statement.
 */
export function parseSeedStatements(text: string): string[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const out: string[] = [];
  let inYaml = false;
  let yaml: string[] = [];
  const headingLike = new Set([
    "Kubernetes Networking Explained: A Deep Dive",
    "Table of Contents",
    "Understanding Pod Networking",
    "Services and Connectivity",
    "Managing Ingress and Egress",
    "Container Network Interface (CNI)",
    "Frequently Asked Questions",
    "Further Reading",
  ]);
  for (const line of lines) {
    if (inYaml) {
      yaml.push(line);
      if (line.startsWith("targetPort:")) {
        out.push(yaml.join("\n"));
        inYaml = false;
        yaml = [];
      }
      continue;
    }
    if (line === "Example Service YAML:") {
      inYaml = true;
      continue;
    }
    if (headingLike.has(line) || line.startsWith("- ") || line.startsWith("|")) continue;
    if (line.startsWith("kubectl ")) {
      out.push(line);
      continue;
    }
    // split prose into sentences at ". " followed by a capital letter
    for (const s of line.split(/(?<=[.!?])\s+(?=[A-Z])/)) out.push(s.trim());
  }
  return out;
}
