// Field errors worded as the API server words them, for every kind's validate(), table-driven:
// object (and old object, for updates) in, "field: detail" lines out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { kindRegistry } from "./index";
import type { K8sObject } from "../types";

const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

const pod = (spec: any, name = "web"): K8sObject => ({ metadata: { name, namespace: "default" }, spec });
const deploy = (spec: any, name = "web"): K8sObject => ({ metadata: { name, namespace: "default" }, spec });
const svc = (spec: any, name = "web"): K8sObject => ({ metadata: { name, namespace: "default" }, spec });
const np = (spec: any): K8sObject => ({ metadata: { name: "p", namespace: "default" }, spec });
const ing = (spec: any): K8sObject => ({ metadata: { name: "i", namespace: "default" }, spec });
const template = (labels: Record<string, string>, containers: any[] = [{ name: "web", image: "nginx" }]) => ({ metadata: { labels }, spec: { containers } });

type Case = [string, string, string, K8sObject, K8sObject | undefined, string[]];

const cases: Case[] = [
  // names
  ["namespace: bad name", "", "Namespace", { metadata: { name: "Blue_Zone" } }, undefined, [`metadata.name: Invalid value: "Blue_Zone": ${LABEL_MSG}`]],
  ["namespace: ok", "", "Namespace", { metadata: { name: "team-a" } }, undefined, []],
  ["deployment: bad name", "apps", "Deployment", deploy({ selector: { matchLabels: { a: "b" } }, template: template({ a: "b" }) }, "Bad_Name"), undefined, [`metadata.name: Invalid value: "Bad_Name": ${SUBDOMAIN_MSG}`]],
  ["service: DNS-1035 name", "", "Service", svc({ ports: [{ port: 80 }] }, "1web"), undefined, [`metadata.name: Invalid value: "1web": ${DNS1035_MSG}`]],
  ["configmap: no name", "", "ConfigMap", { metadata: { namespace: "default" } }, undefined, ["metadata.name: Required value: name or generateName is required"]],
  ["configmap: bad key", "", "ConfigMap", { metadata: { name: "c", namespace: "default" }, data: { "a b": "1" } }, undefined, [
    `data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
  ]],
  // pods
  ["pod: missing image", "", "Pod", pod({ containers: [{ name: "web" }] }, "bad"), undefined, ["spec.containers[0].image: Required value"]],
  ["pod: no containers", "", "Pod", pod({}), undefined, ["spec.containers: Required value"]],
  ["pod: bad container name and duplicate", "", "Pod", pod({ containers: [{ name: "Web", image: "a" }, { name: "Web", image: "b" }] }), undefined, [
    `spec.containers[0].name: Invalid value: "Web": ${LABEL_MSG}`,
    `spec.containers[1].name: Invalid value: "Web": ${LABEL_MSG}`,
    'spec.containers[1].name: Duplicate value: "Web"',
  ]],
  ["pod: enums", "", "Pod", pod({ restartPolicy: "Sometimes", dnsPolicy: "Custom", containers: [{ name: "a", image: "b", imagePullPolicy: "Maybe" }] }), undefined, [
    'spec.containers[0].imagePullPolicy: Unsupported value: "Maybe": supported values: "Always", "IfNotPresent", "Never"',
    'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    'spec.dnsPolicy: Unsupported value: "Custom": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
  ]],
  ["pod: ports", "", "Pod", pod({ containers: [{ name: "a", image: "b", ports: [{ containerPort: 70000, protocol: "ICMP" }, { containerPort: 80, name: "http_port" }] }] }), undefined, [
    "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
    'spec.containers[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
    'spec.containers[0].ports[1].name: Invalid value: "http_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
  ]],
  ["pod: volume mount of an unknown volume", "", "Pod", pod({ containers: [{ name: "a", image: "b", volumeMounts: [{ name: "data", mountPath: "/d" }] }] }), undefined, ['spec.containers[0].volumeMounts[0].name: Not found: "data"']],
  ["pod: requests above limits", "", "Pod", pod({ containers: [{ name: "a", image: "b", resources: { requests: { cpu: "2" }, limits: { cpu: "1" } } }] }), undefined, [
    'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
  ]],
  ["pod: probe without handler; liveness successThreshold", "", "Pod", pod({ containers: [{ name: "a", image: "b", readinessProbe: {}, livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } }] }), undefined, [
    "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1",
    "spec.containers[0].readinessProbe: Required value: must specify a handler type",
  ]],
  ["pod: tolerations", "", "Pod", pod({ containers: [{ name: "a", image: "b" }], tolerations: [{ key: "k", operator: "Exists", value: "v" }, { key: "k", effect: "NoSchedule", tolerationSeconds: 5 }] }), undefined, [
    "spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'",
    "spec.tolerations[1].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
  ]],
  [
    "pod update: only the image may change",
    "",
    "Pod",
    pod({ containers: [{ name: "a", image: "nginx:1.27" }] }),
    pod({ containers: [{ name: "a", image: "nginx:1.26", imagePullPolicy: "IfNotPresent", terminationMessagePath: "/dev/termination-log", terminationMessagePolicy: "File", resources: {} }], restartPolicy: "Always", dnsPolicy: "ClusterFirst", terminationGracePeriodSeconds: 30, securityContext: {}, schedulerName: "default-scheduler", enableServiceLinks: true }),
    [],
  ],
  // deployments
  ["deployment: selector does not match template", "apps", "Deployment", deploy({ selector: { matchLabels: { app: "web" } }, template: template({ app: "api" }) }), undefined, [
    'spec.template.metadata.labels: Invalid value: map[string]string{"app":"api"}: `selector` does not match template `labels`',
  ]],
  ["deployment: no selector", "apps", "Deployment", deploy({ template: template({ app: "api" }) }), undefined, ["spec.selector: Required value"]],
  ["deployment: empty selector", "apps", "Deployment", deploy({ selector: {}, template: template({ app: "api" }) }), undefined, [
    "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment",
  ]],
  ["deployment: negative replicas, Recreate with rollingUpdate", "apps", "Deployment", deploy({ replicas: -1, strategy: { type: "Recreate", rollingUpdate: {} }, selector: { matchLabels: { a: "b" } }, template: template({ a: "b" }) }), undefined, [
    "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
    "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
  ]],
  ["deployment: restartPolicy must be Always", "apps", "Deployment", deploy({ selector: { matchLabels: { a: "b" } }, template: { metadata: { labels: { a: "b" } }, spec: { restartPolicy: "Never", containers: [{ name: "a", image: "b" }] } } }), undefined, [
    'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
  ]],
  [
    "deployment update: selector is immutable",
    "apps",
    "Deployment",
    deploy({ selector: { matchLabels: { app: "web2" } }, template: template({ app: "web2" }) }),
    deploy({ selector: { matchLabels: { app: "web" } }, template: template({ app: "web" }) }),
    ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable'],
  ],
  // services
  ["service: ports", "", "Service", svc({ ports: [{ port: 0 }, { port: 80, protocol: "ICMP", targetPort: 70000 }] }), undefined, [
    "spec.ports[0].name: Required value",
    "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
    "spec.ports[1].name: Required value",
    'spec.ports[1].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
    "spec.ports[1].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
  ]],
  ["service: no ports", "", "Service", svc({ selector: { app: "web" } }), undefined, ["spec.ports: Required value"]],
  ["service: headless without ports is fine", "", "Service", svc({ clusterIP: "None", selector: { app: "web" } }), undefined, []],
  ["service: nodePort on ClusterIP", "", "Service", svc({ ports: [{ port: 80, nodePort: 30080 }] }), undefined, ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]],
  ["service: bad type", "", "Service", svc({ type: "Ingress", ports: [{ port: 80 }] }), undefined, ['spec.type: Unsupported value: "Ingress": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"']],
  ["service: ExternalName needs externalName", "", "Service", svc({ type: "ExternalName" }), undefined, ["spec.externalName: Required value"]],
  [
    "service update: clusterIP may not change",
    "",
    "Service",
    svc({ clusterIP: "10.96.5.5", ports: [{ port: 80 }] }),
    svc({ clusterIP: "10.96.0.50", clusterIPs: ["10.96.0.50"], ports: [{ port: 80 }] }),
    ['spec.clusterIPs[0]: Invalid value: []string{"10.96.5.5"}: may not change once set'],
  ],
  [
    "service update: NodePort to ClusterIP keeps no stale nodePort error",
    "",
    "Service",
    svc({ type: "ClusterIP", ports: [{ port: 80, nodePort: 31000 }] }),
    svc({ type: "NodePort", clusterIP: "10.96.0.50", ports: [{ port: 80, nodePort: 31000 }] }),
    [],
  ],
  // network policies
  ["netpol: policyTypes and ports", "networking.k8s.io", "NetworkPolicy", np({ podSelector: {}, policyTypes: ["Ingres"], ingress: [{ ports: [{ port: 80, endPort: 70 }, { port: "http", endPort: 90 }, { endPort: 90 }, { protocol: "ICMP" }] }] }), undefined, [
    "spec.ingress[0].ports[0].endPort: Invalid value: 80: must be greater than or equal to `port`",
    "spec.ingress[0].ports[1].endPort: Invalid value: 90: may not be specified when `port` is non-numeric",
    "spec.ingress[0].ports[2].endPort: Invalid value: 90: may not be specified when `port` is not specified",
    'spec.ingress[0].ports[3].protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"',
    'spec.policyTypes[0]: Unsupported value: "Ingres": supported values: "Ingress", "Egress"',
  ]],
  ["netpol: peers and ipBlock", "networking.k8s.io", "NetworkPolicy", np({ podSelector: {}, egress: [{ to: [{}, { ipBlock: { cidr: "10.0.0.0/33" } }, { ipBlock: { cidr: "10.0.0.0/24", except: ["192.168.0.0/24", "10.0.0.0/24", "10.0.0.128/25"] } }, { ipBlock: { cidr: "10.0.0.0/8" }, podSelector: {} }] }] }), undefined, [
    "spec.egress[0].to[0]: Required value: must specify a peer",
    'spec.egress[0].to[1].ipBlock.cidr: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    'spec.egress[0].to[2].ipBlock.except[0]: Invalid value: "192.168.0.0/24": must be a strict subset of `cidr`',
    'spec.egress[0].to[2].ipBlock.except[1]: Invalid value: "10.0.0.0/24": must be a strict subset of `cidr`',
    "spec.egress[0].to[3]: Forbidden: may not specify both ipBlock and another peer",
  ]],
  ["netpol: a typical allow rule is valid", "networking.k8s.io", "NetworkPolicy", np({ podSelector: { matchLabels: { app: "db" } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: "a" } }, podSelector: { matchLabels: { app: "api" } } }], ports: [{ port: 5432 }] }] }), undefined, []],
  // ingress
  ["ingress: pathType and paths", "networking.k8s.io", "Ingress", ing({ rules: [{ host: "foo.example.com", http: { paths: [{ path: "/", backend: { service: { name: "web", port: { number: 80 } } } }, { path: "api", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }, { path: "/x", pathType: "Regex", backend: { service: { name: "web", port: { name: "http" } } } }] } }] }), undefined, [
    "spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified",
    'spec.rules[0].http.paths[1].path: Invalid value: "api": must be an absolute path',
    'spec.rules[0].http.paths[2].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
  ]],
  ["ingress: backends and hosts", "networking.k8s.io", "Ingress", ing({ rules: [{ host: "10.0.0.1", http: { paths: [{ path: "/", pathType: "Prefix", backend: {} }, { path: "/b", pathType: "Exact", backend: { service: { name: "web", port: {} } } }] } }] }), undefined, [
    'spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address',
    'spec.rules[0].http.paths[0].backend: Invalid value: "": resource or service backend is required',
    "spec.rules[0].http.paths[1].backend: Required value: port name or number is required",
  ]],
  ["ingress: nothing to route", "networking.k8s.io", "Ingress", ing({}), undefined, ['spec: Invalid value: "": either `defaultBackend` or `rules` must be specified']],
  // batch
  ["job: restartPolicy Always is not allowed", "batch", "Job", { metadata: { name: "j", namespace: "default" }, spec: { template: { spec: { restartPolicy: "Always", containers: [{ name: "a", image: "b" }] } } } }, undefined, [
    'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
  ]],
  ["job: what kubectl create job sends is valid", "batch", "Job", { metadata: { name: "j", namespace: "default" }, spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "j", image: "busybox" }] } } } }, undefined, []],
  ["cronjob: needs a schedule", "batch", "CronJob", { metadata: { name: "c", namespace: "default" }, spec: { jobTemplate: { spec: { template: { spec: { restartPolicy: "OnFailure", containers: [{ name: "c", image: "busybox" }] } } } } } }, undefined, ["spec.schedule: Required value"]],
  // others
  ["secret: tls needs keys", "", "Secret", { metadata: { name: "t", namespace: "default" }, type: "kubernetes.io/tls", data: {} }, undefined, ["data[tls.crt]: Required value", "data[tls.key]: Required value"]],
  ["node: taint effect", "", "Node", { metadata: { name: "n" }, spec: { taints: [{ key: "k", effect: "Never" }] } }, undefined, ['spec.taints[0].effect: Unsupported value: "Never": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"']],
  ["cluster-scoped kind with a namespace", "", "Node", { metadata: { name: "n", namespace: "default" } }, undefined, ["metadata.namespace: Forbidden: not allowed on this type"]],
  ["labels", "", "ConfigMap", { metadata: { name: "c", namespace: "default", labels: { "bad key!": "v", ok: "bad value!" } } }, undefined, [
    "metadata.labels: Invalid value: \"bad key!\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    "metadata.labels: Invalid value: \"bad value!\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
  ]],
];

test("validate() reports the API server's field errors", () => {
  const bad: string[] = [];
  for (const [name, group, kind, obj, old, want] of cases) {
    const def = kindRegistry.byKind(group, kind)!;
    const got = (def.validate?.(obj, old) ?? []).map((e) => `${e.field}: ${e.message}`);
    const missing = want.filter((w) => !got.includes(w));
    const extra = got.filter((g) => !want.includes(g));
    if (missing.length || extra.length) bad.push(`${name}:\n  missing ${JSON.stringify(missing)}\n  extra   ${JSON.stringify(extra)}`);
  }
  assert.deepEqual(bad, []);
});

test("pod update: changing anything but images is forbidden with upstream's message", () => {
  const def = kindRegistry.byKind("", "Pod")!;
  const old = pod({ containers: [{ name: "a", image: "nginx", ports: [{ containerPort: 80 }] }] });
  const errs = def.validate!(pod({ containers: [{ name: "a", image: "nginx", ports: [{ containerPort: 8080 }] }] }), old);
  assert.equal(errs.length, 1);
  assert.equal(errs[0].field, "spec");
  assert.ok(
    errs[0].message.startsWith(
      "Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n",
    ),
    errs[0].message,
  );
  assert.ok(errs[0].message.includes('\n- \tContainers[0].Ports: [{"containerPort":80,"protocol":"TCP"}],\n+ \tContainers[0].Ports: [{"containerPort":8080,"protocol":"TCP"}],\n'), errs[0].message);
  // An image change alone is allowed; tolerations may only be added.
  assert.deepEqual(def.validate!(pod({ containers: [{ name: "a", image: "nginx:latest", ports: [{ containerPort: 80 }] }] }), old), []);
  const tolerated = pod({ containers: [{ name: "a", image: "nginx", ports: [{ containerPort: 80 }] }], tolerations: [{ key: "k", operator: "Exists" }] });
  assert.deepEqual(def.validate!(tolerated, old), []);
  const removed = def.validate!(pod({ containers: [{ name: "a", image: "nginx", ports: [{ containerPort: 80 }] }] }), tolerated);
  assert.equal(removed.length, 1);
});
