// The lab format: labs/<id>/lab.yaml, validated here. A lab is data: setup steps, the grader's
// probe pods, tasks with instructions, a hint ladder and checks, and a solution. Everything a
// step or a check does goes through kubectl, so a lab runs the same on kind and on the sandbox.
import { z } from "zod";

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lowercase words joined by hyphens");
const k8sName = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be a lowercase RFC 1123 name");
const labels = z.record(z.string(), z.string());

/**
 * One step of setup or solution. `apply` pipes a manifest into `kubectl apply -f -`;
 * `kubectl` runs one kubectl command line (quotes allowed, no pipes or redirections);
 * `answer` types a value into an answer check, read with a kubectl command like a learner would.
 */
export const Step = z.union([
  z.object({ apply: z.string().min(1), description: z.string().optional() }).strict(),
  z.object({ kubectl: z.string().min(1), description: z.string().optional() }).strict(),
  z.object({ answer: slug, from: z.string().min(1), description: z.string().optional() }).strict(),
]);
export type Step = z.infer<typeof Step>;

/**
 * A pod the grader owns in the learner's cluster, labelled like the pods it stands for, so that
 * connectivity is probed from a pod the learner's policies treat as the real one. It runs agnhost
 * (netexec answers HTTP on `ports`, and `/agnhost connect` probes from it).
 */
export const Probe = z
  .object({
    id: slug,
    namespace: k8sName.default("default"),
    labels: labels.default({}),
    /** TCP ports the probe answers on (agnhost netexec), so it also works as a destination. */
    ports: z.array(z.number().int().min(1).max(65535)).default([80]),
  })
  .strict();
export type Probe = z.infer<typeof Probe>;

const Protocol = z.enum(["TCP", "UDP", "SCTP"]);

/** Where a connectivity probe goes: a Service, a probe pod, an Ingress host/path, or a host outside the cluster. */
export const Destination = z
  .object({
    id: z.string().min(1),
    service: k8sName.optional(),
    probe: slug.optional(),
    /** An external host name or IP address ("example.com", "93.184.215.14"). */
    host: z.string().optional(),
    /** Ingress: HTTP request through the ingress controller with this Host header and path. */
    ingress: z
      .object({
        host: z.string().optional(),
        path: z.string().default("/"),
        /** Text the response body must contain, to tell which backend answered (e.g. an http-echo message). */
        expectText: z.string().optional(),
      })
      .strict()
      .optional(),
    namespace: k8sName.default("default"),
    port: z.number().int().min(1).max(65535).default(80),
    protocol: Protocol.default("TCP"),
  })
  .strict()
  .refine((d) => [d.service, d.probe, d.host, d.ingress].filter((x) => x !== undefined).length === 1, {
    message: "a destination names exactly one of service, probe, host or ingress",
  });
export type Destination = z.infer<typeof Destination>;

const Expectation = z.enum(["allowed", "denied"]);

const common = {
  id: slug,
  /** What the check verifies, in the learner's terms ("Service web selects the web pods"). */
  title: z.string().min(1),
};

export const ResourceCheck = z
  .object({
    ...common,
    type: z.literal("resource"),
    /** A kubectl resource name: "deployment", "networkpolicy", "svc", ... */
    kind: z.string().min(1),
    name: z.string().optional(),
    namespace: k8sName.default("default"),
    /** Label selector (`-l`) when `name` is absent. */
    selector: z.string().optional(),
    /** false: passes when the object does not exist. */
    exists: z.boolean().default(true),
    /** kubectl JSONPath evaluated by kubectl itself, e.g. "{.spec.policyTypes}". */
    jsonpath: z.string().optional(),
    equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
    contains: z.string().optional(),
    matches: z.string().optional(),
    /** With `selector`: how many objects must match. */
    count: z.number().int().min(0).optional(),
    /** Shown instead of the generic message when the check fails. */
    hint: z.string().optional(),
  })
  .strict();

export const EndpointsCheck = z
  .object({
    ...common,
    type: z.literal("endpoints"),
    service: k8sName,
    namespace: k8sName.default("default"),
    /** Exactly this many ready endpoints. */
    ready: z.number().int().min(0).optional(),
    /** The ready endpoints are exactly the (non-probe) pods with these labels. */
    podsWithLabels: labels.optional(),
  })
  .strict();

export const DnsCheck = z
  .object({
    ...common,
    type: z.literal("dns"),
    /** The probe pod that asks. */
    from: slug,
    name: z.string().min(1),
    expect: z.enum(["resolves", "nxdomain"]).default("resolves"),
    /** The addresses the answer must be: a Service's ClusterIP, or the pod IPs of pods with labels. */
    addresses: z
      .object({ service: k8sName.optional(), podsWithLabels: labels.optional(), namespace: k8sName.default("default") })
      .strict()
      .optional(),
  })
  .strict();

export const ConnectivityCheck = z
  .object({
    ...common,
    type: z.literal("connectivity"),
    /** Probe ids traffic starts from. */
    sources: z.array(slug).min(1),
    destinations: z.array(Destination).min(1),
    /** expect[source][destination id] = allowed | denied; every cell must be given. */
    expect: z.record(z.string(), z.record(z.string(), Expectation)),
    /** How long a probe waits before calling a connection denied (agnhost --timeout). */
    timeoutSeconds: z.number().min(0.5).max(10).default(2),
  })
  .strict()
  .superRefine((c, ctx) => {
    for (const s of c.sources)
      for (const d of c.destinations)
        if (!c.expect[s]?.[d.id]) ctx.addIssue({ code: "custom", message: `expect.${s}.${d.id} is missing: every source × destination cell needs allowed or denied` });
  });

export const AnswerCheck = z
  .object({
    ...common,
    type: z.literal("answer"),
    /** The question the learner answers in the lab page. */
    prompt: z.string().min(1),
    placeholder: z.string().optional(),
    /** Where the true value lives: kubectl get <kind> <name> -o jsonpath=<jsonpath>. */
    kind: z.string().min(1),
    /** The object's name, or where to read it first (e.g. the node a pod runs on: kind pod, name web, jsonpath {.spec.nodeName}). */
    name: z.union([z.string().min(1), z.object({ kind: z.string().min(1), name: z.string().min(1), namespace: k8sName.default("default"), jsonpath: z.string().min(1) }).strict()]),
    namespace: k8sName.default("default"),
    jsonpath: z.string().min(1),
  })
  .strict();

export const Check = z.discriminatedUnion("type", [ResourceCheck, EndpointsCheck, DnsCheck, ConnectivityCheck, AnswerCheck]);
export type Check = z.infer<typeof Check>;
export type ResourceCheck = z.infer<typeof ResourceCheck>;
export type EndpointsCheck = z.infer<typeof EndpointsCheck>;
export type DnsCheck = z.infer<typeof DnsCheck>;
export type ConnectivityCheck = z.infer<typeof ConnectivityCheck>;
export type AnswerCheck = z.infer<typeof AnswerCheck>;

export const Task = z
  .object({
    id: slug,
    title: z.string().min(1),
    /** Markdown. */
    instructions: z.string().min(1),
    /** From a nudge to a near-solution, revealed one at a time. */
    hints: z.array(z.string().min(1)).min(1),
    checks: z.array(Check).min(1),
  })
  .strict();
export type Task = z.infer<typeof Task>;

export const Lab = z
  .object({
    id: slug,
    title: z.string().min(1),
    /** Module id from content/course.yaml. */
    module: slug,
    /** Lesson id and anchor the lab practises, e.g. "services#port-and-targetport". */
    lesson: z.string().regex(/^[a-z0-9-]+(#[a-z0-9-]+)?$/),
    difficulty: z.enum(["beginner", "intermediate", "advanced"]),
    minutes: z.number().int().min(1).max(240),
    /** The Kubernetes version the lab was proven on. */
    testedOn: z.string().regex(/^v1\.\d+$/),
    /** What the backend must provide beyond a bare cluster. */
    needs: z.array(z.enum(["networkpolicy", "ingress", "loadbalancer"])).default([]),
    /** Markdown shown above the tasks. */
    intro: z.string().min(1),
    setup: z.array(Step).default([]),
    probes: z.array(Probe).default([]),
    tasks: z.array(Task).min(1),
    solution: z.array(Step).min(1),
  })
  .strict()
  .superRefine((lab, ctx) => {
    const probes = new Set(lab.probes.map((p) => p.id));
    const checkIds = new Set<string>();
    const answerIds = new Set<string>();
    for (const t of lab.tasks)
      for (const c of t.checks) {
        if (checkIds.has(c.id)) ctx.addIssue({ code: "custom", message: `check id "${c.id}" is used twice` });
        checkIds.add(c.id);
        if (c.type === "answer") answerIds.add(c.id);
        const used = c.type === "connectivity" ? [...c.sources, ...c.destinations.flatMap((d) => (d.probe ? [d.probe] : []))] : c.type === "dns" ? [c.from] : [];
        for (const p of used) if (!probes.has(p)) ctx.addIssue({ code: "custom", message: `check "${c.id}" uses probe "${p}", which the lab does not declare under probes` });
      }
    for (const s of lab.solution)
      if ("answer" in s && !answerIds.has(s.answer)) ctx.addIssue({ code: "custom", message: `solution answers "${s.answer}", which is not an answer check` });
  });
export type Lab = z.infer<typeof Lab>;
