// Image references as containerd and the kubelet write them: "nginx" is
// docker.io/library/nginx:latest, the default pull policy follows the tag, and pull messages and
// failures read like the kubelet's events on a kind node.
import { createHash } from "node:crypto";
import { parseImageRef } from "../images/ref";

export interface ImageRef {
  /** Fully-qualified reference with tag, e.g. "docker.io/library/nginx:latest". */
  ref: string;
  /** Repository without tag or digest, e.g. "docker.io/library/nginx". */
  repository: string;
  tag?: string;
  digest?: string;
  domain: string;
}

/** The kubelet's view of an image reference; the parsing itself is images/ref.ts (one place). */
export function parseImage(image: string): ImageRef {
  // An invalid reference keeps its text: the kubelet reports InvalidImageName for it elsewhere.
  const r = parseImageRef(image) ?? { repository: image.trim(), tag: undefined, digest: undefined };
  const tag = r.tag ?? (r.digest ? undefined : "latest");
  const ref = r.digest ? `${r.repository}@${r.digest}` : `${r.repository}:${tag}`;
  return { ref, repository: r.repository, tag, digest: r.digest, domain: r.repository.split("/")[0] };
}

/** imagePullPolicy's default: Always for ":latest" or no tag, IfNotPresent otherwise (as the API defaults it). */
export function pullPolicyOf(container: { image?: string; imagePullPolicy?: string }): "Always" | "IfNotPresent" | "Never" {
  if (container.imagePullPolicy === "Always" || container.imagePullPolicy === "IfNotPresent" || container.imagePullPolicy === "Never") return container.imagePullPolicy;
  const r = parseImage(container.image ?? "");
  return r.digest ? "IfNotPresent" : r.tag === "latest" ? "Always" : "IfNotPresent";
}

const h32 = (s: string): number => createHash("sha256").update(s).digest().readUInt32BE(0);

/** How long pulling takes in the sandbox (sandbox ms): short, stable per image, so `get pods -w` shows the step. */
export const pullDurationMs = (image: string): number => 400 + (h32(image) % 600);

/** A stable, plausible compressed size for the "Image size: N bytes." part of the Pulled event. */
export const imageSizeBytes = (repository: string): number => 3_000_000 + (h32(repository) % 70_000_000);

/** Go's time.Duration.String() of a value truncated to milliseconds: "512ms", "1.234s", "1m2.5s". */
export function goDuration(ms: number): string {
  ms = Math.floor(ms);
  if (ms < 1000) return `${ms}ms`;
  const m = Math.floor(ms / 60000);
  const s = (ms % 60000) / 1000;
  const sec = `${Number(s.toFixed(3))}s`;
  return m ? `${m}m${sec}` : sec;
}

/** The containerd error for an image that does not exist, as the kubelet puts it in ErrImagePull. */
export function pullError(image: string): string {
  const r = parseImage(image);
  if (r.domain === "docker.io")
    return `rpc error: code = Unknown desc = failed to pull and unpack image "${r.ref}": failed to resolve reference "${r.ref}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${r.ref}": failed to resolve reference "${r.ref}": ${r.ref}: not found`;
}

/** A sha256 digest stable per repository, for images the catalogue does not describe (kind's preloaded ones). */
export const stableDigest = (repository: string): string => `sha256:${createHash("sha256").update(repository).digest("hex")}`;
