// core/v1 ObjectReference: how Events, Endpoints, EndpointSlices and ServiceAccounts point at
// another object.
import { obj, str } from "./schema";
import type { Schema } from "./types";

export const OBJECT_REFERENCE = "io.k8s.api.core.v1.ObjectReference";

export const objectReferenceSchemas: Record<string, Schema> = {
  [OBJECT_REFERENCE]: obj(
    "Points at another object, possibly a field inside it.",
    {
      apiVersion: str("API version of the object."),
      fieldPath: str('A field inside the object, e.g. "spec.containers{web}" for one container of a pod.'),
      kind: str("Kind of the object."),
      name: str("Name of the object."),
      namespace: str("Namespace of the object."),
      resourceVersion: str("resourceVersion of the object when the reference was made."),
      uid: str("UID of the object."),
    },
    undefined,
    { "x-kubernetes-map-type": "atomic" },
  ),
};
