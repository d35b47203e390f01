# The EXAMPLES of the timing tools' man pages run as written against the node.
. "$(dirname "$0")/../lib.sh"
check_man_examples "$top/man/ipfs-time-add.1"
check_man_examples "$top/man/ipfs-time-cat.1"
