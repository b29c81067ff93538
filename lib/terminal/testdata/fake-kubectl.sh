#!/bin/bash
# Stands in for kubectl in the lab shell's tests: prints its arguments and environment facts, echoes
# stdin for `apply -f -`, and can flood output or hang on demand. It runs with the lab shell's PATH
# (which holds only kubectl), so it calls other programs by absolute path.
case " $* " in
  *" big "*) /usr/bin/head -c 5000000 /dev/zero | /usr/bin/tr '\0' 'x'; exit 0 ;;
  *" hang "*) /bin/sleep 30; exit 0 ;;
  *" fail "*) echo 'Error from server (NotFound): pods "nope" not found' >&2; exit 1 ;;
esac
echo "ARGS: $*"
echo "KUBECONFIG=$KUBECONFIG"
if [[ " $* " == *" -f - "* ]]; then echo "STDIN:"; /bin/cat; fi
exit 0
