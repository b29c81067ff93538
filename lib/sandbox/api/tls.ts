// The serving certificate of the sandbox API server: a throw-away CA made at start and a server
// certificate it signs for 127.0.0.1, ::1 and localhost (plus any host asked for). kubectl only
// sends a bearer token over TLS, so every kubeconfig carries this CA in certificate-authority-data.
import { isIP } from "node:net";
import selfsigned from "selfsigned";

export interface ServingCert {
  caPem: string;
  certPem: string;
  keyPem: string;
}

export async function makeServingCert(hosts: string[] = []): Promise<ServingCert> {
  // A little in the past, so a client clock a few minutes behind still accepts it.
  const notBeforeDate = new Date(Date.now() - 60 * 60 * 1000);
  const notAfterDate = new Date(Date.now() + 365 * 24 * 60 * 60 * 1000);
  const ca = await selfsigned.generate([{ name: "commonName", value: "sandbox-kubernetes-ca" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, digitalSignature: true, cRLSign: true, critical: true },
    ],
  });
  const names = new Set(["localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc", ...hosts.filter((h) => !isIP(h))]);
  const ips = new Set(["127.0.0.1", "::1", ...hosts.filter((h) => isIP(h))]);
  const server = await selfsigned.generate([{ name: "commonName", value: "kube-apiserver" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [...[...names].map((value) => ({ type: 2 as const, value })), ...[...ips].map((ip) => ({ type: 7 as const, ip }))] },
    ],
  });
  return { caPem: ca.cert, certPem: server.cert, keyPem: server.private };
}
