# scripts/lib/url.sh, sourced by ipfs-profile and ipfs-optimize: URLs
# that may hold credentials (http://USER:PASSWORD@host:port). A password
# is never printed, written to a record or put on a command line: the
# URL is shown and passed without its user part, and the credentials go
# through a file of mode 0600 (the tools' --api-auth-file, curl's -K).

# url_redact URL: URL with its user part replaced by "***"
url_redact() {
	printf '%s\n' "$1" | sed 's|^\([A-Za-z][A-Za-z0-9+.-]*://\)[^/?#]*@|\1***@|'
}

# url_bare URL: URL without its user part
url_bare() {
	printf '%s\n' "$1" | sed 's|^\([A-Za-z][A-Za-z0-9+.-]*://\)[^/?#]*@|\1|'
}

# url_userinfo URL: USER:PASSWORD of URL, percent-decoded, or nothing
url_userinfo() {
	case $1 in *://*@*) ;; *) return 0 ;; esac
	printf '%s\n' "$1" | sed -n 's|^[A-Za-z][A-Za-z0-9+.-]*://\([^/?#]*\)@.*|\1|p' |
		LC_ALL=C awk '{ s = $0; o = ""
			while (match(s, /%[0-9A-Fa-f][0-9A-Fa-f]/)) {
				o = o substr(s, 1, RSTART - 1) sprintf("%c", hex(substr(s, RSTART + 1, 2))); s = substr(s, RSTART + 3)
			}
			print o s }
			function hex(h,   i, v) { v = 0; h = tolower(h)
				for (i = 1; i <= 2; i++) v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
				return v }'
}

# url_authfiles URL DIR NAME: when URL holds USER:PASSWORD, write
# DIR/NAME.auth (basic:USER:PASSWORD, for --api-auth-file) and DIR/NAME.curl
# (a curl config with the user line, for curl -K), both 0600; status 0
# when they were written, 1 when URL holds no credentials, 2 when they
# cannot be used (a newline in them, no ':', or a file that failed)
url_authfiles() {
	ua=$(url_userinfo "$1")
	[ -n "$ua" ] || return 1
	case $ua in *:*) ;; *) return 2 ;; esac
	case $ua in *'
'*) return 2 ;; esac
	(
		umask 077
		printf 'basic:%s\n' "$ua" >"$2/$3.auth" &&
			printf 'user = "%s"\n' "$(printf '%s' "$ua" | sed 's/[\\"]/\\&/g')" >"$2/$3.curl"
	) || return 2
	ua=
}

# auth_curlcfg SECRET FILE: the tools' credentials (basic:USER:PASSWORD or
# bearer:TOKEN, as in $IPFS_API_AUTH) as a curl config FILE of mode 0600;
# status 1, no file, for anything else
auth_curlcfg() {
	case $1 in
	basic:*:*) ac_l="user = \"$(printf '%s' "${1#basic:}" | sed 's/[\\"]/\\&/g')\"" ;;
	bearer:*) ac_l="header = \"Authorization: Bearer $(printf '%s' "${1#bearer:}" | sed 's/[\\"]/\\&/g')\"" ;;
	*) return 1 ;;
	esac
	case $1 in *'
'*) return 1 ;; esac
	( umask 077; printf '%s\n' "$ac_l" >"$2" ) || return 1
	ac_l=
}
