// The real kubectl (v1.30, v1.32, v1.33) driving a sandbox through a learner's session: get in all
// its forms, describe, run, create deployment (protobuf on ≥1.32), expose, apply twice,
// server-side apply, label, scale, rollout status, wait, logs, exec, delete with cascading,
// explain, auth can-i, api-resources and events. One table of steps per version; every
// disagreeing step is reported.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createSandboxServer, type SandboxServer } from "../server";
import { haveKubectl, newSession, runSteps, type Step } from "./testkit";

const NP = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-web
spec:
  podSelector:
    matchLabels:
      app: hello
  ingress:
  - from:
    - podSelector:
        matchLabels:
          role: client
`;
const NP_CHANGED = NP.replace("role: client", "role: frontend");
const CM = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
`;
const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels:
    app: api
spec:
  replicas: 1
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
`;
const TYPO = NP.replace("podSelector:\n    matchLabels", "podSelectr:\n    matchLabels");

const steps: Step[] = [
  { args: "version", stdout: "Server Version: v1.32.2" },
  { args: "get nodes", stdout: [/kind-control-plane\s+Ready\s+control-plane/, /kind-worker2\s+Ready\s+<none>/] },
  { args: "get nodes -o wide", stdout: [/INTERNAL-IP/, /10\.89\.0\.3/] },
  { args: "get ns", stdout: [/default\s+Active/, /kube-system\s+Active/] },
  { args: "get pods -A", stdout: [/kube-system\s+coredns-\S+\s+1\/1\s+Running/, /kube-system\s+kube-proxy-/] },
  { args: "get pods", stderr: "No resources found in default namespace." },
  { args: "get pods -n nonexistent", stderr: "No resources found in nonexistent namespace." },
  { args: "run web --image=nginx --labels=app=web", stdout: "pod/web created" },
  { args: "run web --image=nginx", exit: 1, stderr: 'Error from server (AlreadyExists): pods "web" already exists' },
  { args: "wait --for=condition=Ready pod/web --timeout=60s", stdout: "pod/web condition met" },
  { args: "get pods", stdout: [/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/, /web\s+1\/1\s+Running\s+0\s+\d+s/] },
  { args: "get pods -o wide", stdout: [/IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES/, /web\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+kind-worker2?\s+<none>\s+<none>/] },
  { args: "get pod web -o yaml", stdout: ["kind: Pod", "phase: Running", "restartPolicy: Always", /podIP: 10\.244\./] },
  { args: "get pods --show-labels", stdout: /web\s+1\/1\s+Running.*app=web/ },
  { args: "get pods -l app=web", stdout: /^web\s/m },
  { args: "get pods -l app!=web", stderr: "No resources found in default namespace." },
  { args: ["get", "pods", "-l", "app in (web,api)", "-o", "name"], stdout: "pod/web" },
  { args: "get pods --field-selector=status.phase=Running -o name", stdout: "pod/web" },
  { args: "get pods --field-selector=spec.image=x", exit: 1, stderr: "field label not supported: spec.image" },
  { args: "get pod web -o jsonpath={.spec.nodeName}", stdout: /^kind-worker2?$/ },
  { args: "get pods --sort-by=.metadata.name -A -o name", stdout: "pod/coredns-" },
  { args: "label pod web tier=front", stdout: "pod/web labeled" },
  { args: "get pods -L tier", stdout: /TIER[\s\S]*web\s.*front/ },
  { args: "describe pod web", stdout: [/Name:\s+web/, /Status:\s+Running/, /IP:\s+10\.244\./, /Events:/, /Scheduled/] },
  { args: "logs web", eventuallyMs: 5000, stdout: /./ },
  { args: "logs web --tail=1", stdout: /^[^\n]+\n$/ },
  { args: "exec web -- echo hi", stdout: "hi" },
  { args: "exec web -c nope -- true", exit: 1, stderr: "container nope is not valid for pod web" },
  { args: ["exec", "web", "--", "sh", "-c", "echo out; echo err >&2; exit 3"], exit: 3, stdout: "out", stderr: ["err", "command terminated with exit code 3"] },
  { args: "exec -i web -- sh", stdin: "echo piped\nexit 0\n", stdout: "piped" },
  { args: "run -i --rm once --image=busybox --restart=Never -- sh", stdin: "echo hello-from-stdin\n", stdout: ["hello-from-stdin", 'pod "once" deleted'] },
  { args: "exec nope -- true", exit: 1, stderr: 'Error from server (NotFound): pods "nope" not found' },
  { args: "port-forward pod/web 18080:80", exit: 1, stderr: "port-forward is not supported in the sandbox cluster" },
  { args: "create deployment hello --image=nginx --replicas=2", stdout: "deployment.apps/hello created" },
  { args: "rollout status deployment/hello --timeout=60s", stdout: 'deployment "hello" successfully rolled out' },
  { args: "get deploy hello", stdout: /hello\s+2\/2\s+2\s+2\s+\d+s/ },
  { args: "get rs -o wide", stdout: [/hello-[a-z0-9]{8,10}\s+2\s+2\s+2/, /pod-template-hash=/] },
  { args: "expose deployment hello --port=80", stdout: "service/hello exposed" },
  { args: "get svc hello", stdout: /hello\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+80\/TCP/ },
  { args: "get svc,deploy", stdout: ["service/kubernetes", "deployment.apps/hello"] },
  { args: "describe deployment hello", stdout: [/Replicas:\s+2 desired \| 2 updated \| 2 total \| 2 available/, /NewReplicaSet:\s+hello-/, /ScalingReplicaSet/] },
  { args: "describe service hello", stdout: [/Selector:\s+app=hello/, /Endpoints:\s+10\.244\./], eventuallyMs: 5000 },
  { args: "describe node kind-worker", stdout: [/Name:\s+kind-worker/, /Capacity:/, /Non-terminated Pods:/] },
  { args: "scale deployment hello --replicas=3", stdout: "deployment.apps/hello scaled" },
  { args: "rollout status deployment/hello --timeout=60s", stdout: "successfully rolled out" },
  { args: "get deploy hello -o jsonpath={.status.availableReplicas}", stdout: "3" },
  { args: "apply -f {dir}/np.yaml", stdout: "networkpolicy.networking.k8s.io/allow-web created" },
  { args: "apply -f {dir}/np.yaml", stdout: "networkpolicy.networking.k8s.io/allow-web unchanged" },
  { args: "apply -f {dir}/np2.yaml", stdout: "networkpolicy.networking.k8s.io/allow-web configured" },
  { args: "get netpol allow-web -o jsonpath={.spec.ingress[0].from[0].podSelector.matchLabels.role}", stdout: "frontend" },
  { args: "apply -f {dir}/deploy.yaml", stdout: "deployment.apps/api created" },
  { args: "apply -f {dir}/deploy2.yaml", stdout: "deployment.apps/api configured" },
  { args: "get deploy api -o jsonpath={.spec.template.spec.containers[*].image}", stdout: /^nginx:1\.28$/ },
  { args: "apply -f {dir}/typo.yaml", exit: 1, stderr: 'strict decoding error: unknown field "spec.podSelectr"' },
  { args: "apply --server-side -f {dir}/cm.yaml", stdout: "configmap/settings serverside-applied" },
  { args: "apply --server-side -f {dir}/cm.yaml", stdout: "configmap/settings serverside-applied" },
  { args: "get cm settings -o yaml --show-managed-fields", stdout: ["manager: kubectl", "operation: Apply"] },
  { args: "get events", stdout: [/LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE/, /Normal\s+Scheduled\s+pod\/web/] },
  { args: "get events --field-selector=involvedObject.name=web -o name", stdout: "event/web." },
  { args: "explain networkpolicy.spec", stdout: [/KIND:\s+NetworkPolicy/, /podSelector/, /policyTypes/] },
  { args: "auth can-i create pods", stdout: "yes" },
  { args: "auth can-i delete nodes", stdout: "yes" },
  { args: "auth can-i --list", stdout: /\*\.\*\s+\[\]\s+\[\]\s+\[\*\]/ },
  { args: "auth whoami", stdout: [/Username\s+kubernetes-admin/, /Groups\s+\[kubeadm:cluster-admins system:authenticated\]/] },
  { args: "api-resources", stdout: [/pods\s+po\s+v1\s+true\s+Pod/, /deployments\s+deploy\s+apps\/v1\s+true\s+Deployment/, /networkpolicies\s+netpol\s+networking\.k8s\.io\/v1\s+true\s+NetworkPolicy/] },
  { args: "get all", stdout: ["pod/web", "service/hello", "deployment.apps/hello", "replicaset.apps/hello-"] },
  { args: "get pod nope", exit: 1, stderr: 'Error from server (NotFound): pods "nope" not found' },
  { args: "get deploy nope", exit: 1, stderr: 'Error from server (NotFound): deployments.apps "nope" not found' },
  { args: "get foos", exit: 1, stderr: 'error: the server doesn\'t have a resource type "foos"' },
  { args: "run Bad_Name --image=nginx", exit: 1, stderr: 'The Pod "Bad_Name" is invalid: ' },
  { args: "create deployment Bad_Name --image=nginx", exit: 1, stderr: /Deployment\.apps "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name"/ },
  { args: "delete deployment hello", stdout: 'deployment.apps "hello" deleted' },
  { args: "get rs -l app=hello", stderr: "No resources found in default namespace.", eventuallyMs: 10_000 },
  { args: "get pods -l app=hello -o name", stdout: /^$/, eventuallyMs: 15_000 },
  { args: "delete pod web", stdout: 'pod "web" deleted' },
  { args: "get pod web", exit: 1, stderr: "NotFound" },
];

let server: SandboxServer;
before(async () => {
  server = await createSandboxServer({ idleTimeoutMs: 0 });
});
after(async () => {
  await server?.close();
});

// The versions run side by side (each in its own sandbox) to keep the file fast.
test("kubectl sessions", { concurrency: true }, async (t) => {
  const runs = ["1.30", "1.32", "1.33"].map((version) =>
    t.test(`kubectl ${version}`, { skip: !haveKubectl(version) && `kubectl ${version} is not installed` }, async () => {
      const s = await newSession(server, version);
      try {
        await s.file("np.yaml", NP);
        await s.file("np2.yaml", NP_CHANGED);
        await s.file("cm.yaml", CM);
        await s.file("deploy.yaml", DEPLOY);
        await s.file("deploy2.yaml", DEPLOY.replace("nginx:1.27", "nginx:1.28"));
        await s.file("typo.yaml", TYPO);
        const failures = await runSteps(s, version, steps);
        assert.equal(failures.length, 0, `${failures.length} of ${steps.length} steps disagree:\n${failures.join("\n")}`);
      } finally {
        await s.close();
      }
    }),
  );
  await Promise.all(runs);
});
