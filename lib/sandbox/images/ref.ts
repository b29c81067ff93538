// Parses container image references the way the container runtime normalises them
// (github.com/distribution/reference): "nginx", "library/nginx", "docker.io/library/nginx:1.27"
// and "nginx@sha256:..." all name the repository docker.io/library/nginx.

export interface ImageRef {
  /** Fully qualified repository, e.g. "docker.io/library/nginx", "registry.k8s.io/pause". */
  repository: string;
  tag?: string;
  digest?: string;
}

export function parseImageRef(image: string): ImageRef | undefined {
  const s = image.trim();
  // Whitespace or upper case in the repository make the reference invalid (InvalidImageName).
  if (!s || /\s/.test(s) || /[A-Z]/.test(s.split("@")[0].replace(/:[^/]*$/, ""))) return undefined;
  let rest = s;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(":");
  if (lastColon > rest.lastIndexOf("/")) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
  }
  const parts = rest.split("/");
  const hasRegistry = parts.length > 1 && (parts[0].includes(".") || parts[0].includes(":") || parts[0] === "localhost");
  let repository: string;
  if (!hasRegistry) repository = parts.length === 1 ? `docker.io/library/${rest}` : `docker.io/${rest}`;
  else if (parts[0] === "index.docker.io") repository = `docker.io/${parts.slice(1).join("/")}`;
  else repository = rest;
  if (repository.startsWith("docker.io/") && repository.split("/").length === 2) repository = `docker.io/library/${repository.split("/")[1]}`;
  return { repository, tag, digest };
}
