# The EXAMPLES of chunk-put(1) run as written against the node.
. "$(dirname "$0")/../lib.sh"
check_man_examples "$top/man/chunk-put.1"
