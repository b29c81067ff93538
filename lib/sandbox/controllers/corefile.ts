// The Corefile kubeadm installs for CoreDNS in a kind cluster (ConfigMap kube-system/coredns).
import { createHash } from "node:crypto";

export const corefile = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
`;

/** The line CoreDNS logs for the configuration it loaded (plugin/reload hashes the Corefile). */
export const corefileSHA512 = (text: string = corefile): string => createHash("sha512").update(text).digest("hex");
