# make static TLS=1: HTTPS in the static tools, certificates verified by
# default, against --cacert or $SSL_CERT_FILE (a minimal host has no CA
# bundle). A loopback HTTPS server with a certificate made here.
. "$(dirname "$0")/../lib.sh"
cd "$T" || exit 1
check "make static TLS=1" make -s -C "$top" static TLS=1
S=$top/build/static-tls/bin
check_eq "the TLS build is static too" "$(readelf -lW "$S/ipfs-time-cat" | grep -c INTERP)" 0
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
	-addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout key.pem -out cert.pem 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=other \
	-addext "subjectAltName=DNS:other.example" -keyout okey.pem -out other.pem 2>/dev/null
node "$top/tests/mock/https.js" cert.pem key.pem >port 2>srv.err &
srv=$!
trap 'kill $srv 2>/dev/null; rm -rf "$T"' EXIT
wait_for "the HTTPS server's port" test -s port || exit 1
url=https://localhost:$(cat port)

call() { "$@" -q -n 1 -w 0 --call version >r.tsv 2>r.err; echo "$(col r.tsv ok)"; }
check_eq "static, --cacert: verified, ok" "$(call "$S/ipfs-time-cat" --api "$url" --cacert cert.pem)" 1
check_eq "static, SSL_CERT_FILE: ok" "$(SSL_CERT_FILE=cert.pem call "$S/ipfs-time-cat" --api "$url")" 1
check_eq "static, no CA bundle: refused" "$(call "$S/ipfs-time-cat" --api "$url")" 0
check_grep "  saying what to do" "certificate could not be verified \(.*\): give the CA that signed it with --cacert" r.tsv
check_eq "static, a CA that did not sign it: refused" "$(call "$S/ipfs-time-cat" --api "$url" --cacert other.pem)" 0
# (mbedTLS 2.28 matches names, not IP addresses, of a certificate: use
# the name it was issued for, as the man pages say)
check_eq "static, 127.0.0.1 for a name's certificate: refused, named" \
	"$(call "$S/ipfs-time-cat" --api "https://127.0.0.1:$(cat port)" --cacert cert.pem)" 0
check_eq "dynamic, --cacert: ok" "$(call ipfs-time-cat --api "$url" --cacert cert.pem)" 1
check_eq "dynamic, the system's bundle does not know it: refused" "$(call ipfs-time-cat --api "$url")" 0
check_exit "an empty --cacert is a usage error" 2 ipfs-time-cat --cacert "" --api "$url" --call version
