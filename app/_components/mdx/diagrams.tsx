// The lesson diagrams, by name (lib/content/mdx-components.ts lists the names). Each has a title and a
// full text description, which the figure exposes to screen readers and to anyone who opens it.
import type { DiagramName } from "@/lib/content/mdx-components";
import { Arrow, Box, Label, type DiagramSpec } from "./svg";

export const diagrams: Record<DiagramName, DiagramSpec> = {
  "pod-anatomy": {
    title: "Inside a pod: one network namespace shared by every container",
    description:
      "A node contains a pod. Inside the pod, a pause container holds the pod's network namespace; the app container and a sidecar container join it. The namespace has a loopback interface lo (127.0.0.1) that the containers use to reach each other via localhost, and an eth0 interface with the pod IP 10.244.1.5. eth0 is one end of a veth pair; the other end sits in the node's root namespace and connects to the node's bridge or routing table.",
    width: 640,
    height: 300,
    body: (
      <>
        <Box x={10} y={10} w={620} h={280} label="node (root network namespace)" labelTop tone="muted" dashed />
        <Box x={30} y={40} w={380} h={230} label="pod network namespace" labelTop tone="a" />
        <Box x={50} y={75} w={100} h={50} label="pause" sub="holds the netns" />
        <Box x={170} y={75} w={100} h={50} label="app" sub=":8080" />
        <Box x={290} y={75} w={100} h={50} label="sidecar" sub=":9090" />
        <Box x={45} y={160} w={175} h={50} label="lo 127.0.0.1" sub="localhost between containers" tone="c" />
        <Box x={235} y={160} w={155} h={50} label="eth0 10.244.1.5" sub="the pod IP" tone="b" />
        <Arrow x1={220} y1={125} x2={140} y2={160} dashed />
        <Arrow x1={340} y1={125} x2={160} y2={160} dashed />
        <Box x={460} y={160} w={150} h={50} label="vethXXXX" sub="host end of the pair" tone="b" />
        <Arrow x1={390} y1={185} x2={460} y2={185} both label="veth pair" ly={178} />
        <Box x={460} y={60} w={150} h={50} label="cni0 bridge / routes" sub="to other pods, nodes" />
        <Arrow x1={535} y1={160} x2={535} y2={110} />
        <Label x={220} y={245} text="All containers share one IP and one port space" />
      </>
    ),
  },
  "pod-to-pod": {
    title: "Pod to pod, on one node and across nodes",
    description:
      "Two nodes, node-a (192.168.1.10, pod CIDR 10.244.1.0/24) and node-b (192.168.1.11, pod CIDR 10.244.2.0/24). On node-a, pod A (10.244.1.5) reaches pod B (10.244.1.6) through their veth pairs and the node's bridge, never leaving the node. Pod A reaches pod C (10.244.2.7) on node-b: the packet leaves node-a and crosses the node network either routed (the network knows 10.244.2.0/24 is behind 192.168.1.11) or encapsulated in an overlay such as VXLAN. At every hop the source stays 10.244.1.5 and the destination stays 10.244.2.7: no NAT.",
    width: 640,
    height: 290,
    body: (
      <>
        <Box x={10} y={10} w={280} h={200} label="node-a 192.168.1.10" sub="podCIDR 10.244.1.0/24" labelTop tone="muted" dashed />
        <Box x={350} y={10} w={280} h={200} label="node-b 192.168.1.11" sub="podCIDR 10.244.2.0/24" labelTop tone="muted" dashed />
        <Box x={30} y={60} w={110} h={46} label="pod A" sub="10.244.1.5" tone="a" />
        <Box x={160} y={60} w={110} h={46} label="pod B" sub="10.244.1.6" tone="a" />
        <Box x={370} y={60} w={110} h={46} label="pod C" sub="10.244.2.7" tone="a" />
        <Box x={60} y={140} w={180} h={40} label="bridge / host routes" />
        <Box x={400} y={140} w={180} h={40} label="bridge / host routes" />
        <Arrow x1={85} y1={106} x2={120} y2={140} both />
        <Arrow x1={215} y1={106} x2={180} y2={140} both label="same node" lx={250} ly={128} />
        <Arrow x1={425} y1={140} x2={425} y2={106} />
        <Box x={40} y={230} w={560} h={44} label="node network (underlay)" sub="routed pod CIDRs, or an overlay tunnel (VXLAN/Geneve)" tone="b" />
        <Arrow x1={150} y1={180} x2={150} y2={230} />
        <Arrow x1={490} y1={230} x2={490} y2={180} />
        <Label x={320} y={222} text="src 10.244.1.5 → dst 10.244.2.7, unchanged: no NAT" bold />
      </>
    ),
  },
  "service-endpoints": {
    title: "A Service, its selector and its EndpointSlice",
    description:
      "A client pod connects to my-service at ClusterIP 10.96.12.34 port 80. The Service's selector app=my-app matches three pods. The EndpointSlice controller lists the ready ones: 10.244.1.5:9376 and 10.244.2.7:9376 are ready; 10.244.2.8 is not ready (its readiness probe fails), so it is marked not ready and receives no new connections. kube-proxy on each node turns connections to 10.96.12.34:80 into connections to one ready endpoint on targetPort 9376.",
    width: 640,
    height: 280,
    body: (
      <>
        <Box x={10} y={110} w={110} h={56} label="client pod" sub="10.244.3.2" tone="a" />
        <Box x={170} y={100} w={150} h={76} label="Service my-service" sub="10.96.12.34:80" tone="b" />
        <Label x={255} y={200} text="selector: app=my-app" anchor="start" />
        <Arrow x1={120} y1={138} x2={170} y2={138} />
        <Box x={170} y={215} w={150} h={50} label="EndpointSlice" sub="ready IP:targetPort list" tone="c" />
        <Arrow x1={245} y1={176} x2={245} y2={215} dashed />
        <Box x={440} y={20} w={180} h={56} label="pod app=my-app" sub="10.244.1.5:9376 ready" tone="a" />
        <Box x={440} y={110} w={180} h={56} label="pod app=my-app" sub="10.244.2.7:9376 ready" tone="a" />
        <Box x={440} y={200} w={180} h={56} label="pod app=my-app" sub="10.244.2.8 NOT ready" tone="muted" dashed />
        <Arrow x1={320} y1={125} x2={440} y2={50} label="DNAT to :9376" lx={375} ly={78} />
        <Arrow x1={320} y1={140} x2={440} y2={138} />
        <Label x={380} y={235} text="no traffic" />
      </>
    ),
  },
  "service-types": {
    title: "Service types build on each other",
    description:
      "Three nested boxes. The innermost is ClusterIP: a virtual IP reachable inside the cluster. Around it, NodePort adds a port (30000-32767) opened on every node's IP, forwarding to the same backends. Around that, LoadBalancer adds an external load balancer, provisioned by a cloud controller or MetalLB, which sends traffic to the nodes' NodePorts (or directly to pods on some clouds). Separately, a headless Service (clusterIP: None) has no virtual IP and DNS returns pod IPs, and an ExternalName Service is only a DNS CNAME to an outside name.",
    width: 640,
    height: 260,
    body: (
      <>
        <Box x={10} y={10} w={420} h={240} label="LoadBalancer: external IP from a cloud LB or MetalLB" labelTop tone="c" />
        <Box x={30} y={50} w={380} h={185} label="NodePort: <any node IP>:30000-32767" labelTop tone="b" />
        <Box x={50} y={90} w={340} h={130} label="ClusterIP (default)" sub="virtual IP, inside the cluster only" tone="a" />
        <Box x={460} y={30} w={170} h={90} label="headless" sub="clusterIP: None, DNS → pods" dashed />
        <Box x={460} y={145} w={170} h={90} label="ExternalName" sub="DNS CNAME, no proxying" dashed />
      </>
    ),
  },
  "kube-proxy-dnat": {
    title: "kube-proxy programs rules; the kernel rewrites packets",
    description:
      "The API server holds Services and EndpointSlices. kube-proxy runs on every node, watches them, and writes rules into the node's kernel: iptables chains, IPVS virtual servers or nftables maps. It is not in the data path. When a pod sends a packet to the ClusterIP 10.96.12.34:80, the kernel on the sending node matches the rule and rewrites the destination (DNAT) to a chosen backend, 10.244.2.7:9376, then the CNI's network carries it to that pod, possibly on another node. Replies are un-NATed by conntrack.",
    width: 640,
    height: 270,
    body: (
      <>
        <Box x={10} y={10} w={200} h={60} label="API server" sub="Services, EndpointSlices" tone="c" />
        <Box x={260} y={10} w={370} h={250} label="node" labelTop tone="muted" dashed />
        <Box x={290} y={40} w={150} h={50} label="kube-proxy" sub="watches, writes rules" tone="b" />
        <Arrow x1={210} y1={40} x2={290} y2={60} label="watch" />
        <Box x={290} y={130} w={320} h={56} label="kernel rules (iptables / IPVS / nftables)" sub="10.96.12.34:80 → 10.244.2.7:9376 (DNAT)" />
        <Arrow x1={365} y1={90} x2={365} y2={130} label="program" lx={405} ly={114} />
        <Box x={20} y={140} w={130} h={46} label="client pod" sub="→ 10.96.12.34:80" tone="a" />
        <Arrow x1={150} y1={163} x2={290} y2={160} label="packet" />
        <Box x={470} y={205} w={140} h={45} label="backend pod" sub="10.244.2.7:9376" tone="a" />
        <Arrow x1={450} y1={186} x2={500} y2={205} />
        <Label x={280} y={222} text="cross-node delivery:" anchor="start" />
        <Label x={280} y={238} text="the CNI's job" anchor="start" />
      </>
    ),
  },
  "dns-lookup": {
    title: "How a pod resolves a Service name",
    description:
      "A pod in namespace shop looks up the short name my-service. Its /etc/resolv.conf, written by the kubelet, lists nameserver 10.96.0.10 (the kube-dns Service, backed by CoreDNS pods) and the search domains shop.svc.cluster.local, svc.cluster.local and cluster.local, with ndots:5. The resolver tries my-service.shop.svc.cluster.local first; CoreDNS, which watches Services and EndpointSlices, answers with the Service's ClusterIP 10.96.12.34 (or, for a headless Service, the ready pod IPs).",
    width: 640,
    height: 250,
    body: (
      <>
        <Box x={10} y={20} w={220} h={120} label="pod (namespace shop)" labelTop tone="a" />
        <Label x={20} y={62} text="/etc/resolv.conf" anchor="start" bold />
        <Label x={20} y={80} text="nameserver 10.96.0.10" anchor="start" />
        <Label x={20} y={96} text="search shop.svc.cluster.local" anchor="start" />
        <Label x={20} y={112} text="  svc.cluster.local cluster.local" anchor="start" />
        <Label x={20} y={128} text="options ndots:5" anchor="start" />
        <Box x={300} y={40} w={160} h={70} label="Service kube-dns" sub="kube-system 10.96.0.10" tone="b" />
        <Arrow x1={230} y1={60} x2={300} y2={60} />
        <Label x={380} y={26} text="my-service.shop.svc.cluster.local?" />
        <Box x={500} y={40} w={130} h={70} label="CoreDNS pods" sub="watch Services" tone="c" />
        <Arrow x1={460} y1={75} x2={500} y2={75} />
        <Arrow x1={500} y1={100} x2={230} y2={125} label="A 10.96.12.34 (the ClusterIP)" lx={400} ly={140} />
        <Box x={300} y={175} w={330} h={60} label="headless Service (clusterIP: None)" sub="answer: one A record per ready pod" dashed />
      </>
    ),
  },
  "ingress-flow": {
    title: "Ingress: host and path rules in front of Services",
    description:
      "A browser requests https://shop.example.com/api. The request reaches an external load balancer (a LoadBalancer or NodePort Service in front of the Ingress controller). The Ingress controller, for example ingress-nginx running as pods, terminates TLS with the certificate from a Secret, then matches the host shop.example.com and the path /api against the Ingress rules and proxies to the api Service, which leads to its pods. Requests for path / go to the web Service. Requests that match no rule go to the default backend.",
    width: 640,
    height: 270,
    body: (
      <>
        <Box x={10} y={100} w={110} h={56} label="client" sub="shop.example.com" />
        <Box x={150} y={100} w={110} h={56} label="load balancer" sub="Service type LB" tone="c" />
        <Arrow x1={120} y1={128} x2={150} y2={128} />
        <Box x={290} y={70} w={150} h={116} label="Ingress controller" labelTop tone="b" />
        <Label x={365} y={106} text="(proxy pods)" />
        <Label x={365} y={140} text="TLS terminates here" />
        <Label x={365} y={158} text="host + path match" />
        <Arrow x1={260} y1={128} x2={290} y2={128} label="HTTPS" lx={275} ly={95} />
        <Box x={480} y={20} w={150} h={50} label="Service api" sub="/api" tone="a" />
        <Box x={480} y={103} w={150} h={50} label="Service web" sub="/" tone="a" />
        <Box x={480} y={186} w={150} h={50} label="default backend" sub="no rule matched" dashed />
        <Arrow x1={440} y1={95} x2={480} y2={45} />
        <Arrow x1={440} y1={128} x2={480} y2={128} label="HTTP" lx={460} ly={120} />
        <Arrow x1={440} y1={165} x2={480} y2={210} />
      </>
    ),
  },
  "egress-snat": {
    title: "Egress: pod traffic leaves with a translated source",
    description:
      "A pod 10.244.1.5 connects to an external API at 203.0.113.20. Leaving the node, the source is rewritten (SNAT, masquerade) to the node IP 192.168.1.10, or, in a private subnet, to a NAT gateway's public IP 198.51.100.7. The external server replies to that address and conntrack translates the reply back to the pod. A NetworkPolicy with egress rules decides, before any of this, whether the pod may open the connection at all.",
    width: 640,
    height: 230,
    body: (
      <>
        <Box x={10} y={80} w={120} h={56} label="pod" sub="10.244.1.5" tone="a" />
        <Box x={170} y={70} w={150} h={76} label="node" sub="SNAT → 192.168.1.10" tone="b" />
        <Arrow x1={130} y1={108} x2={170} y2={108} label="egress policy?" lx={150} ly={70} />
        <Box x={360} y={70} w={130} h={76} label="NAT gateway" sub="SNAT → 198.51.100.7" tone="c" />
        <Arrow x1={320} y1={108} x2={360} y2={108} />
        <Box x={520} y={80} w={110} h={56} label="external API" sub="203.0.113.20" />
        <Arrow x1={490} y1={108} x2={520} y2={108} />
        <path d="M575,136 V175 H70 V140" fill="none" stroke="currentColor" strokeWidth={1.6} strokeDasharray="6 4" markerEnd="url(#dg-arrow)" />
        <Label x={330} y={195} text="reply, translated back by conntrack" />
      </>
    ),
  },
  "netpol-and-or": {
    title: "One peer with two selectors (AND) versus two peers (OR)",
    description:
      "Left: a single from-entry containing both namespaceSelector team=ops and podSelector role=client. Only pods labelled role=client in namespaces labelled team=ops are allowed: both conditions must hold (AND). Right: two from-entries, one with namespaceSelector team=ops and one with podSelector role=client. Allowed are all pods in team=ops namespaces, plus role=client pods in the policy's own namespace (OR). The only difference in YAML is one dash.",
    width: 640,
    height: 250,
    body: (
      <>
        <Box x={10} y={10} w={300} h={230} label="- namespaceSelector + podSelector" labelTop tone="muted" dashed />
        <Label x={160} y={48} text="one peer: both must match (AND)" />
        <Box x={30} y={70} w={260} h={70} label="ns team=ops" labelTop tone="b" />
        <Box x={45} y={95} w={110} h={36} label="role=client ✓" tone="a" />
        <Box x={170} y={95} w={110} h={36} label="role=db ✗" dashed />
        <Box x={30} y={155} w={260} h={70} label="ns default (policy's own)" labelTop />
        <Box x={45} y={180} w={110} h={36} label="role=client ✗" dashed />
        <Box x={330} y={10} w={300} h={230} label="- namespaceSelector  - podSelector" labelTop tone="muted" dashed />
        <Label x={480} y={48} text="two peers: either may match (OR)" />
        <Box x={350} y={70} w={260} h={70} label="ns team=ops" labelTop tone="b" />
        <Box x={365} y={95} w={110} h={36} label="role=client ✓" tone="a" />
        <Box x={490} y={95} w={110} h={36} label="role=db ✓" tone="a" />
        <Box x={350} y={155} w={260} h={70} label="ns default (policy's own)" labelTop />
        <Box x={365} y={180} w={110} h={36} label="role=client ✓" tone="a" />
        <Box x={490} y={180} w={110} h={36} label="role=db ✗" dashed />
      </>
    ),
  },
  "cni-call-flow": {
    title: "Who calls the CNI plugin, and what it does",
    description:
      "The kubelet asks the container runtime (containerd or CRI-O) over the CRI to create a pod sandbox. The runtime creates the network namespace, reads the network configuration from /etc/cni/net.d, and executes the plugin binary from /opt/cni/bin with the command ADD, passing the configuration on stdin and the namespace path in environment variables. The plugin creates the interface (for example a veth pair), calls its IPAM plugin to get an address, sets routes, and returns the result (IPs, routes) as JSON. The runtime reports the pod IP back to the kubelet, which writes it into the pod's status. On deletion the runtime calls DEL.",
    width: 640,
    height: 260,
    body: (
      <>
        <Box x={10} y={20} w={120} h={56} label="kubelet" tone="c" />
        <Box x={180} y={20} w={160} h={56} label="container runtime" sub="containerd / CRI-O" tone="b" />
        <Arrow x1={130} y1={48} x2={180} y2={48} />
        <Label x={155} y={13} text="CRI: RunPodSandbox" />
        <Box x={390} y={20} w={240} h={56} label="CNI plugin binary" sub="/opt/cni/bin, config /etc/cni/net.d" tone="a" />
        <Arrow x1={340} y1={40} x2={390} y2={40} label="ADD / DEL / CHECK" lx={365} ly={14} />
        <Arrow x1={390} y1={62} x2={340} y2={62} dashed label="result JSON: IPs, routes" lx={365} ly={92} />
        <Box x={390} y={130} w={110} h={56} label="IPAM plugin" sub="host-local…" />
        <Arrow x1={450} y1={76} x2={450} y2={130} both />
        <Box x={520} y={130} w={110} h={56} label="pod netns" sub="veth, IP, routes" tone="a" />
        <Arrow x1={575} y1={76} x2={575} y2={130} />
        <Box x={10} y={130} w={330} h={56} label="pod status.podIP / podIPs" sub="what kubectl get pods -o wide shows" />
        <Arrow x1={70} y1={76} x2={70} y2={130} />
        <Label x={320} y={230} text="CNI runs when a pod sandbox is created or deleted, not continuously" />
      </>
    ),
  },
  "overlay-vs-routed": {
    title: "Overlay versus routed pod networks",
    description:
      "Top: an overlay. The pod packet (src 10.244.1.5, dst 10.244.2.7, up to 1450 bytes) is wrapped in an outer header (outer IP between node IPs, UDP, VXLAN: about 50 bytes), so it fits the 1500-byte underlay MTU; the underlay only needs to know node IPs. Bottom: routed. The pod packet travels as is, with the full 1500-byte MTU, because the underlay (BGP peers, cloud route tables) knows that 10.244.2.0/24 is behind node-b.",
    width: 640,
    height: 240,
    body: (
      <>
        <Label x={10} y={24} text="Overlay (VXLAN): underlay MTU 1500, pod MTU 1450" anchor="start" bold />
        <Box x={10} y={36} w={90} h={50} label="outer IP" sub="node→node" tone="c" />
        <Box x={100} y={36} w={60} h={50} label="UDP" tone="c" />
        <Box x={160} y={36} w={70} h={50} label="VXLAN" sub="~50 B total" tone="c" />
        <Box x={230} y={36} w={400} h={50} label="pod packet 10.244.1.5 → 10.244.2.7" sub="≤ 1450 bytes" tone="a" />
        <Label x={10} y={128} text="Routed (BGP, cloud routes, host-gw): no extra header" anchor="start" bold />
        <Box x={10} y={140} w={620} h={50} label="pod packet 10.244.1.5 → 10.244.2.7" sub="≤ 1500 bytes, the underlay routes 10.244.2.0/24 → node-b" tone="a" />
        <Label x={320} y={222} text="Overlay: works on any underlay, costs header bytes and some CPU. Routed: needs the underlay to know pod CIDRs." />
      </>
    ),
  },
  "networking-layers": {
    title: "The layers of Kubernetes networking and where each FAQ topic lives",
    description:
      "Four stacked layers. Bottom: the pod network, built by the CNI plugin (pod IPs, IPAM, overlay or routing, MTU). Above it: Services (ClusterIP, NodePort, LoadBalancer, headless, EndpointSlices) made real by kube-proxy, and cluster DNS (CoreDNS). Above that: the edges, Ingress for traffic coming in and egress with SNAT for traffic going out. Across all of them: NetworkPolicy, enforced by the CNI, and observability.",
    width: 640,
    height: 250,
    body: (
      <>
        <Box x={10} y={10} w={500} h={50} label="Ingress (in) and egress / SNAT (out)" sub="Ingress controllers, TLS, NAT gateways" tone="c" />
        <Box x={10} y={70} w={500} h={50} label="Cluster DNS (CoreDNS)" sub="names → ClusterIPs or pod IPs" tone="b" />
        <Box x={10} y={130} w={500} h={50} label="Services + kube-proxy" sub="ClusterIP, NodePort, LoadBalancer, EndpointSlices" tone="b" />
        <Box x={10} y={190} w={500} h={50} label="Pod network (CNI)" sub="one IP per pod, no NAT, IPAM, overlay or routed" tone="a" />
        <Box x={530} y={10} w={100} h={230} label="NetworkPolicy" sub="(CNI-enforced)" dashed />
      </>
    ),
  },
};
