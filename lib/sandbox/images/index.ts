// The images the sandbox knows, by repository (any tag or digest). An image not listed here fails
// to pull (ErrImagePull → ImagePullBackOff), as an image that does not exist does on a real cluster.
import type { ImageProfile } from "./types";
import { parseImageRef, type ImageRef } from "./ref";
import { nginxProfile } from "./nginx";
import { httpdProfile } from "./httpd";
import { alpineProfile, busyboxProfile } from "./busybox";
import { curlProfile, netshootProfile } from "./tools-images";
import { agnhostProfile } from "./agnhost";
import { ingressNginxProfile } from "./ingress-nginx";
import { httpEchoProfile, pauseProfile, postgresProfile, redisProfile, whoamiProfile } from "./servers";

const PROFILES: Record<string, (ref: ImageRef) => ImageProfile> = {
  "docker.io/library/nginx": nginxProfile,
  "docker.io/library/httpd": httpdProfile,
  "docker.io/library/busybox": busyboxProfile,
  "docker.io/library/alpine": alpineProfile,
  "docker.io/curlimages/curl": curlProfile,
  "quay.io/curl/curl": curlProfile,
  "docker.io/nicolaka/netshoot": netshootProfile,
  "registry.k8s.io/e2e-test-images/agnhost": agnhostProfile,
  "k8s.gcr.io/e2e-test-images/agnhost": agnhostProfile,
  "docker.io/hashicorp/http-echo": httpEchoProfile,
  "docker.io/traefik/whoami": whoamiProfile,
  "registry.k8s.io/pause": pauseProfile,
  "k8s.gcr.io/pause": pauseProfile,
  "docker.io/library/redis": redisProfile,
  "docker.io/library/postgres": postgresProfile,
  "registry.k8s.io/ingress-nginx/controller": ingressNginxProfile,
};

/** The profile for an image reference, or undefined for an image the sandbox cannot "pull". */
export function lookupImage(image: string): ImageProfile | undefined {
  const ref = parseImageRef(image);
  if (!ref) return undefined;
  const make = PROFILES[ref.repository];
  return make ? make(ref) : undefined;
}

/** Every known repository (for docs and the "unknown image" hint). */
export const knownRepositories = (): string[] => Object.keys(PROFILES);

export { parseImageRef };
