#!/usr/bin/env bash
# A stand-in for docker, kind and kubectl in tests: records every call (argv and stdin) as one
# JSON line in $FAKE_LOG, keeps kind's cluster list in $FAKE_STATE, and fails or stalls on demand:
#   FAKE_DOCKER_DOWN=1   docker info fails (engine not running)
#   FAKE_KIND_VERSION=x  what `kind version` prints
#   FAKE_FAIL=<word>     fail any call whose arguments contain <word> (e.g. "create", "apply")
#   FAKE_SLEEP=<secs>    sleep before answering `kind create cluster`
set -u
tool=$(basename "$0")
stdin=""
if [ "$tool" = "kind" ] && [ "${1:-}" = "create" ]; then stdin=$(cat); fi
node -e 'const [t,s,...a]=process.argv.slice(1); require("fs").appendFileSync(process.env.FAKE_LOG, JSON.stringify({tool:t,args:a,stdin:s})+"\n")' "$tool" "$stdin" "$@"
if [ -n "${FAKE_FAIL:-}" ] && [[ " $* " == *"${FAKE_FAIL}"* ]]; then echo "ERROR: failed on purpose: $*" >&2; exit 1; fi
state=${FAKE_STATE:-/dev/null}
case "$tool" in
  docker)
    [ -n "${FAKE_DOCKER_DOWN:-}" ] && { echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2; exit 1; }
    echo "28.2.2" ;;
  kind)
    case "${1:-}" in
      version) echo "${FAKE_KIND_VERSION:-kind v0.27.0 go1.23.6 linux/amd64}" ;;
      create)
        sleep "${FAKE_SLEEP:-0}"
        name=""; kc=""
        while [ $# -gt 0 ]; do case "$1" in --name) name=$2; shift ;; --kubeconfig) kc=$2; shift ;; esac; shift; done
        echo "$name" >> "$state"
        printf 'apiVersion: v1\nkind: Config\nclusters: []\n' > "$kc"
        echo "Creating cluster \"$name\" ..." >&2 ;;
      delete)
        name=""; while [ $# -gt 0 ]; do case "$1" in --name) name=$2; shift ;; esac; shift; done
        grep -vx "$name" "$state" > "$state.tmp" 2>/dev/null; mv "$state.tmp" "$state"
        echo "Deleting cluster \"$name\" ..." >&2 ;;
      get) cat "$state" 2>/dev/null ;;
    esac ;;
  kubectl) echo "ok" ;;
esac
exit 0
