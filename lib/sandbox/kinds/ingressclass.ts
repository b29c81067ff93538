// IngressClass (networking.k8s.io/v1, cluster-scoped): names the controller that implements
// Ingresses of a class; the ingressclass.kubernetes.io/is-default-class annotation marks the default.
import type { K8sObject } from "../types";
import { STANDARD_VERBS, ageColumn, col, defineKind, nameColumn, prepareCreateCommon, prepareUpdateCommon } from "./common";
import { age } from "./format";
import { metaSchemas, typeMetaProps, validateObjectMeta } from "./meta";
import { obj, ref, str } from "./schema";
import { invalidValue, required } from "./validation";

const NET = "io.k8s.api.networking.v1";
const IC = `${NET}.IngressClass`;

export const ingressclass = defineKind({
  group: "networking.k8s.io",
  version: "v1",
  kind: "IngressClass",
  plural: "ingressclasses",
  singular: "ingressclass",
  namespaced: false,
  verbs: STANDARD_VERBS,
  rootSchema: IC,
  library: {
    ...metaSchemas,
    [`${NET}.IngressClassParametersReference`]: obj(
      "An object holding controller-specific settings for the class.",
      {
        apiGroup: str("API group of the object."),
        kind: str("Kind of the object."),
        name: str("Name of the object."),
        namespace: str("Namespace of the object, for scope Namespace."),
        scope: str("Cluster (default) or Namespace."),
      },
      ["kind", "name"],
    ),
    [`${NET}.IngressClassSpec`]: obj("Which controller handles the class.", {
      controller: str('Name of the controller, e.g. "k8s.io/ingress-nginx". Cannot change.'),
      parameters: ref(`${NET}.IngressClassParametersReference`, "Controller-specific settings."),
    }),
    [IC]: obj("A class of Ingresses and the controller that implements them. Ingresses choose one with spec.ingressClassName.", {
      ...typeMetaProps(),
      spec: ref(`${NET}.IngressClassSpec`, "The class's controller and parameters.", { default: {} }),
    }),
  },
  columns: [nameColumn, col("Controller", "Controller that implements the class."), col("Parameters", "Object with the controller's settings."), ageColumn],
  row(o: K8sObject, now: Date) {
    const p = o.spec?.parameters;
    const params = p ? `${p.kind}${p.apiGroup ? `.${p.apiGroup}` : ""}/${p.name}` : "<none>";
    return [o.metadata.name, o.spec?.controller ?? "", params, age(o, now)];
  },
  prepareForCreate(o: K8sObject) {
    prepareCreateCommon(o, { generation: true });
  },
  prepareForUpdate(o: K8sObject, old: K8sObject, _s, { subresource }) {
    prepareUpdateCommon(o, old, { generation: true }, subresource);
  },
  validate(o: K8sObject, old?: K8sObject) {
    const errs = validateObjectMeta(o, false);
    const ctl = o.spec?.controller;
    if (!ctl) errs.push(required("spec.controller"));
    if (old && old.spec?.controller !== ctl) errs.push(invalidValue("spec.controller", ctl ?? "", "field is immutable"));
    return errs;
  },
});
