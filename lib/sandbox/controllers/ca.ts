// The cluster CA published in every namespace's kube-root-ca.crt, when the API server does not
// hand its own: one self-signed "kubernetes" CA per process (kubeadm names its CA that way),
// generated once in the background because generation is asynchronous.
import selfsigned from "selfsigned";

export const clusterCA: { pem?: string; ready: Promise<string> } = {
  pem: undefined,
  ready: Promise.resolve(""),
};

let started = false;

/** Starts generating the CA (idempotent); clusterCA.pem is set when done. */
export function ensureClusterCA(): Promise<string> {
  if (!started) {
    started = true;
    clusterCA.ready = selfsigned
      .generate([{ name: "commonName", value: "kubernetes" }], {
        keyType: "ec",
        algorithm: "sha256",
        extensions: [
          { name: "basicConstraints", cA: true, critical: true },
          { name: "keyUsage", digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
        ],
      })
      .then((p) => (clusterCA.pem = p.cert.replace(/\r\n/g, "\n")));
  }
  return clusterCA.ready;
}
