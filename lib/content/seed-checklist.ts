// The checklist of the seed's statements (every prose sentence of
// content/seed/kubernetes-networking-deep-dive.txt outside its FAQ table, plus its command and its
// Service YAML) and the lesson sections that teach each one. seed-coverage.test.ts proves the list is
// complete (every statement parsed from the seed is here) and true (each section exists and contains
// the listed key terms). The FAQ's 50 questions are covered by faq.test.ts.
export type Taught = { lesson: string; anchor: string; keywords: string[] };
export type SeedStatement = { statement: string; taughtIn: Taught[] };

export const SEED_CHECKLIST: SeedStatement[] = [
  {
    statement:
      "Kubernetes networking is a foundational component of modern cloud-native architecture, ensuring seamless communication across distributed applications.",
    taughtIn: [{ lesson: "faq", anchor: "map", keywords: ["foundation", "cloud-native", "distributed applications"] }],
  },
  {
    statement:
      "This guide provides a comprehensive Kubernetes networking explained: a deep dive analysis, covering everything from the fundamental Pod-to-Pod communication model to sophisticated Ingress strategies and Container Network Interface (CNI) plugins.",
    taughtIn: [{ lesson: "faq", anchor: "map", keywords: ["pod-to-pod communication model", "Ingress strategies", "Container Network Interface (CNI)"] }],
  },
  {
    statement: "In Kubernetes, every Pod gets its own unique IP address.",
    taughtIn: [{ lesson: "pod-network-model", anchor: "one-ip-per-pod", keywords: ["every pod gets its own IP address", "unique"] }],
  },
  {
    statement: "This design eliminates the need for manual port mapping, allowing Pods to communicate with each other as if they were on the same network host.",
    taughtIn: [{ lesson: "pod-network-model", anchor: "one-ip-per-pod", keywords: ["publish ports", "nobody maps anything", "its own host", "Expert"] }],
  },
  {
    statement: "Communication occurs through the flat network structure provided by the underlying infrastructure.",
    taughtIn: [{ lesson: "pod-network-model", anchor: "flat-network", keywords: ["flat", "underlying infrastructure", "network plugin"] }],
  },
  {
    statement: "Each Pod can talk to every other Pod across the entire cluster without needing NAT (Network Address Translation).",
    taughtIn: [
      { lesson: "pod-network-model", anchor: "flat-network", keywords: ["without NAT", "on any node"] },
      { lesson: "pod-network-model", anchor: "across-nodes", keywords: ["keeps its pod source and destination addresses"] },
    ],
  },
  {
    statement: "Action Item: Check your current Pod IPs using the command below to observe how the cluster assigns network addresses dynamically.",
    taughtIn: [
      { lesson: "pod-network-model", anchor: "one-ip-per-pod", keywords: ["assigns addresses dynamically", "kubectl get pods -o wide"] },
      { lesson: "cni", anchor: "ipam", keywords: ["hands out and reclaims addresses"] },
    ],
  },
  {
    statement: "kubectl get pods -o wide",
    taughtIn: [{ lesson: "pod-network-model", anchor: "one-ip-per-pod", keywords: ['<TryIt command="kubectl get pods -o wide">'] }],
  },
  {
    statement: "Because Pods are ephemeral and can restart with new IP addresses, Kubernetes uses Services to provide stable endpoints.",
    taughtIn: [
      { lesson: "pod-network-model", anchor: "pod-ip-lifecycle", keywords: ["ephemeral", "container restart keeps the IP", "new pod"] },
      { lesson: "services", anchor: "why-services", keywords: ["stable endpoint"] },
    ],
  },
  {
    statement: "A Service acts as a load balancer for a group of Pods selected by labels.",
    taughtIn: [
      { lesson: "services", anchor: "why-services", keywords: ["load balancer", "connection", "Expert"] },
      { lesson: "kube-proxy-and-dns", anchor: "load-balancing", keywords: ["new connection", "sessionAffinity"] },
    ],
  },
  {
    statement: "Services use selectors to track Pods.",
    taughtIn: [{ lesson: "services", anchor: "selectors-and-labels", keywords: ["spec.selector", "labels"] }],
  },
  {
    statement: "When a request hits a Service, it is routed to one of the healthy Pods backend, ensuring consistent application availability even during rolling updates.",
    taughtIn: [
      { lesson: "services", anchor: "selectors-and-labels", keywords: ["rolling update"] },
      { lesson: "services", anchor: "endpoints", keywords: ["ready", "readiness probe", "Healthy"] },
    ],
  },
  {
    statement:
      "apiVersion: v1\nkind: Service\nmetadata:\nname: my-service\nspec:\nselector:\napp: my-app\nports:\n- protocol: TCP\nport: 80\ntargetPort: 9376",
    taughtIn: [
      {
        lesson: "services",
        anchor: "service-yaml",
        keywords: ["apiVersion: v1", "kind: Service", "name: my-service", "app: my-app", "protocol: TCP", "port: 80", "targetPort: 9376", "field by field"],
      },
    ],
  },
  {
    statement: "While Services handle internal traffic, Ingress manages external access to services in a cluster, typically HTTP/HTTPS.",
    taughtIn: [{ lesson: "ingress-egress", anchor: "ingress-resource", keywords: ["external HTTP and HTTPS", "HTTP(S) only"] }],
  },
  {
    statement: "Ingress provides load balancing, SSL termination, and name-based virtual hosting.",
    taughtIn: [
      { lesson: "ingress-egress", anchor: "ingress-resource", keywords: ["load balancing", "SSL termination", "name-based virtual hosting"] },
      { lesson: "ingress-egress", anchor: "tls-termination", keywords: ["kubernetes.io/tls"] },
      { lesson: "ingress-egress", anchor: "virtual-hosting", keywords: ["Host"] },
    ],
  },
  {
    statement: "Egress, conversely, defines how internal Pods reach the outside world.",
    taughtIn: [{ lesson: "ingress-egress", anchor: "egress-snat", keywords: ["Egress", "outside the cluster", "SNAT"] }],
  },
  {
    statement: "Most clusters use a combination of NetworkPolicies and NAT gateways to secure outgoing traffic from sensitive internal services.",
    taughtIn: [
      { lesson: "ingress-egress", anchor: "nat-gateways", keywords: ["NAT gateway", "egress gateways"] },
      { lesson: "ingress-egress", anchor: "egress-control", keywords: ["Sensitive workloads", "egress", "not the common reality"] },
      { lesson: "network-policy", anchor: "dns-egress-trap", keywords: ["policyTypes: [Egress]"] },
    ],
  },
  {
    statement:
      "Action Item: Always implement NetworkPolicies to restrict ingress/egress traffic to only authorized communication paths, adhering to the principle of least privilege.",
    taughtIn: [
      { lesson: "network-policy", anchor: "least-privilege", keywords: ["Always implement NetworkPolicies", "authorised communication paths", "least privilege"] },
      { lesson: "network-policy", anchor: "default-deny", keywords: ["podSelector: {}"] },
    ],
  },
  {
    statement: "The CNI (Container Network Interface) is a standard that defines how network connectivity is provided to containers.",
    taughtIn: [
      { lesson: "cni", anchor: "what-cni-defines", keywords: ["standard", "ADD", "network configuration"] },
      { lesson: "cni", anchor: "how-plugins-run", keywords: ["container runtime"] },
    ],
  },
  {
    statement: "Popular CNI plugins include Calico, Flannel, and Cilium, each offering unique features like network security policies or performance optimization.",
    taughtIn: [
      { lesson: "cni", anchor: "plugins", keywords: ["Calico", "Flannel", "Cilium", "network security"] },
      { lesson: "network-policy", anchor: "enforcement", keywords: ["Flannel alone"] },
    ],
  },
  {
    statement: "Choosing the right CNI depends on your cloud provider and specific security requirements.",
    taughtIn: [{ lesson: "cni", anchor: "choosing-a-cni", keywords: ["managed cloud", "security requirements"] }],
  },
  {
    statement: "Some plugins leverage eBPF for higher performance, while others focus on ease of deployment in traditional data centers.",
    taughtIn: [
      { lesson: "cni", anchor: "ebpf", keywords: ["eBPF", "scale"] },
      { lesson: "cni", anchor: "choosing-a-cni", keywords: ["traditional data centres", "ease of deployment"] },
    ],
  },
  {
    statement: "Below are 50 essential questions and answers regarding Kubernetes networking.",
    taughtIn: [{ lesson: "faq", anchor: "questions", keywords: ["All 50 questions", "<FaqList />"] }],
  },
  {
    statement: "Mastering Kubernetes networking is essential for deploying resilient, scalable, and secure applications.",
    taughtIn: [{ lesson: "faq", anchor: "map", keywords: ["resilient, scalable and secure"] }],
  },
  {
    statement:
      "By understanding how Pods communicate, how Services provide stability, and how CNIs govern the underlying traffic, you can architect sophisticated clusters that meet modern production demands.",
    taughtIn: [{ lesson: "faq", anchor: "map", keywords: ["how pods communicate", "how Services provide stability", "govern the traffic"] }],
  },
  {
    statement: "Always prioritize network security policies and observability to ensure your infrastructure remains robust as it scales.",
    taughtIn: [
      { lesson: "network-policy", anchor: "least-privilege", keywords: ["observability", "robust"] },
      { lesson: "cni", anchor: "observability", keywords: ["Prometheus", "Hubble"] },
    ],
  },
];
