// SelfSubjectReview (authentication.k8s.io/v1): "who am I?" (`kubectl auth whoami`).
// Create-only and never stored; the API fills status.userInfo.
import { defineKind, genericColumns, genericRow } from "./common";
import { metaSchemas, typeMetaProps } from "./meta";
import { atomic, obj, opaque, ref, str, strList } from "./schema";

const AUTHN = "io.k8s.api.authentication.v1";
const SSR = `${AUTHN}.SelfSubjectReview`;

export const selfsubjectreview = defineKind({
  group: "authentication.k8s.io",
  version: "v1",
  kind: "SelfSubjectReview",
  plural: "selfsubjectreviews",
  singular: "selfsubjectreview",
  namespaced: false,
  verbs: ["create"],
  createOnly: true,
  rootSchema: SSR,
  library: {
    ...metaSchemas,
    [`${AUTHN}.UserInfo`]: obj("The identity of a user.", {
      extra: opaque("Extra attributes from the authenticator."),
      groups: strList("Groups the user belongs to.", atomic),
      uid: str("Unique ID of the user."),
      username: str("Name of the user."),
    }),
    [`${AUTHN}.SelfSubjectReviewStatus`]: obj("The answer.", { userInfo: ref(`${AUTHN}.UserInfo`, "Who the request was authenticated as.", { default: {} }) }),
    [SSR]: obj("Returns the identity the server authenticated the request as. Never stored.", {
      ...typeMetaProps(),
      status: ref(`${AUTHN}.SelfSubjectReviewStatus`, "Filled in by the server.", { default: {} }),
    }),
  },
  columns: genericColumns,
  row: genericRow,
});
