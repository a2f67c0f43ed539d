#!/usr/bin/env bash
# make deb: .build-deb/feedwatch_VERSION_ARCH.deb from the release binary, with dpkg-deb alone.
# Depends: is what dpkg-shlibdeps finds the binary linked against, plus ca-certificates for https feeds.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=.build/release/feedwatch
version=$("$binary" --version)
arch=$(dpkg --print-architecture)
out=.build-deb
root=$out/root
rm -rf "$root" && mkdir -p "$root/DEBIAN"

./scripts/stage.sh "$root" /usr/bin /usr/share/doc/feedwatch /usr/share/man /lib/systemd/system /etc /usr/share
install -m 0644 packaging/debian/copyright "$root/usr/share/doc/feedwatch/copyright"

# dpkg-shlibdeps wants a debian/control to read; it only needs the names.
shlibs=$out/shlibs
rm -rf "$shlibs" && mkdir -p "$shlibs/debian"
printf 'Source: feedwatch\n\nPackage: feedwatch\nArchitecture: any\n' > "$shlibs/debian/control"
depends=$(cd "$shlibs" && dpkg-shlibdeps -O "../root/usr/bin/feedwatch" | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "build-deb.sh: dpkg-shlibdeps found no dependencies" >&2; exit 1; }

cat > "$root/DEBIAN/control" <<CONTROL
Package: feedwatch
Version: $version
Architecture: $arch
Maintainer: feedwatch developers <feedwatch@localhost>
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: $depends, ca-certificates
Section: net
Priority: optional
Description: feed monitor with topic alerts
 feedwatch polls RSS, Atom and JSON feeds, finds the people, organisations,
 places and watched topics in every new article, and raises an alert when a
 watch-list matches. Alerts go to a JSON-lines log and to webhooks (generic
 JSON signed the Standard Webhooks way, Slack, Discord, Teams), each exactly
 once. It runs as a hardened systemd service.
CONTROL
echo /etc/feedwatch/feeds.yaml > "$root/DEBIAN/conffiles"
install -m 0755 packaging/debian/postinst packaging/debian/prerm packaging/debian/postrm "$root/DEBIAN/"

package="$out/feedwatch_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$root" "$package" >/dev/null
echo "==> Built $package ($(du -h "$package" | cut -f1))"
dpkg-deb --info "$package" | sed -n '/Depends/p'
