// The create-only "review" kinds that answer a question instead of storing an object:
// SelfSubjectAccessReview (`kubectl auth can-i`), SelfSubjectRulesReview (`auth can-i --list`) and
// SelfSubjectReview (`auth whoami`). A sandbox token is its cluster's admin, like the
// kubernetes-admin user of a kind kubeconfig (group kubeadm:cluster-admins bound to cluster-admin),
// so every request is allowed, with the reason RBAC gives for that binding.
import { apiVersionOf, type KindDef } from "../kinds/types";
import { badRequest } from "../errors";
import type { K8sObject } from "../types";
import { SANDBOX_USER, type RequestContext } from "./context";
import { decodeObject } from "./decode";
import { mediaType, readBody, sendJSON } from "./http";

const ADMIN_REASON = 'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"';

export async function handleReview(ctx: RequestContext, def: KindDef, _ns: string | undefined): Promise<void> {
  const body = await readBody(ctx.req);
  const review: K8sObject = body.length ? decodeObject(body, mediaType(ctx.req), ctx.cluster, def) : { metadata: {} };
  const out: K8sObject = { kind: def.kind, apiVersion: apiVersionOf(def), metadata: { creationTimestamp: null }, spec: review.spec ?? {} };
  switch (def.kind) {
    case "SelfSubjectAccessReview": {
      const spec = review.spec ?? {};
      if (!spec.resourceAttributes && !spec.nonResourceAttributes) throw badRequest(`SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified`);
      out.status = { allowed: true, reason: ADMIN_REASON };
      break;
    }
    case "SelfSubjectRulesReview":
      out.status = {
        resourceRules: [
          { verbs: ["*"], apiGroups: ["*"], resources: ["*"] },
          { verbs: ["create"], apiGroups: ["authorization.k8s.io"], resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews"] },
        ],
        nonResourceRules: [{ verbs: ["*"], nonResourceURLs: ["*"] }],
        incomplete: false,
      };
      break;
    case "SelfSubjectReview":
      delete out.spec;
      out.status = { userInfo: { username: SANDBOX_USER.username, groups: SANDBOX_USER.groups } };
      break;
    default:
      out.status = {};
  }
  sendJSON(ctx, 201, out);
}
