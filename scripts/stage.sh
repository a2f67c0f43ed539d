#!/usr/bin/env bash
# Installs the built feedwatch under DESTDIR, for `make install` and `make deb`:
#   stage.sh DESTDIR BINDIR DOCDIR MANDIR UNITDIR SYSCONFDIR SHAREDIR
# The binary (self-contained: the Swift runtime and the gazetteer are linked in), its man page and
# shell completions (made by generate-docs.sh), the README, the systemd unit written for BINDIR, an
# empty secrets folder, and feeds.yaml unless one is already there. Builds nothing, so it can run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
destdir=$1 bindir=$2 docdir=$3 mandir=$4 unitdir=$5 sysconfdir=$6 sharedir=$7
binary=.build/release/feedwatch
[ -x "$binary" ] || { echo "stage.sh: $binary is missing; run make build first" >&2; exit 1; }

generated=.build/generated-docs
[ -f "$generated/feedwatch.1.gz" ] || { echo "stage.sh: no man page in $generated; run scripts/generate-docs.sh" >&2; exit 1; }

install -D -m 0755 "$binary" "$destdir$bindir/feedwatch"
strip --strip-debug "$destdir$bindir/feedwatch"
install -D -m 0644 "$generated/feedwatch.1.gz" "$destdir$mandir/man1/feedwatch.1.gz"
install -D -m 0644 "$generated/feedwatch.bash" "$destdir$sharedir/bash-completion/completions/feedwatch"
install -D -m 0644 "$generated/_feedwatch" "$destdir$sharedir/zsh/vendor-completions/_feedwatch"
install -D -m 0644 "$generated/feedwatch.fish" "$destdir$sharedir/fish/vendor_completions.d/feedwatch.fish"
install -D -m 0644 README.md "$destdir$docdir/README.md"
install -d -m 0755 "$destdir$unitdir"
sed -e "s|@BINDIR@|$bindir|g" -e "s|@DOCDIR@|$docdir|g" systemd/feedwatch.service.in > "$destdir$unitdir/feedwatch.service"
chmod 0644 "$destdir$unitdir/feedwatch.service"
# feedwatch@N.service: instance N of several sharing a PostgreSQL database (settings: database), each
# with its own state and log folder (/var/lib/feedwatch-N, /var/log/feedwatch-N: systemd cannot make
# a folder for another dynamic user inside feedwatch.service's) and its endpoint on 127.0.0.1:947N,
# started after a PostgreSQL server on the same machine, if there is one. Made from the same unit, so
# the sandbox is the same.
sed -e "s|@BINDIR@|$bindir|g" -e "s|@DOCDIR@|$docdir|g" \
    -e 's|^Description=\(.*\)$|Description=\1, instance %i (several share one PostgreSQL database)|' \
    -e 's|^\(ExecStart=.*\)$|\1 --metrics 127.0.0.1:947%i|' \
    -e 's|^After=network-online.target$|After=network-online.target postgresql.service|' \
    -e 's|^StateDirectory=feedwatch$|StateDirectory=feedwatch-%i|' \
    -e 's|^LogsDirectory=feedwatch$|LogsDirectory=feedwatch-%i|' \
    systemd/feedwatch.service.in > "$destdir$unitdir/feedwatch@.service"
chmod 0644 "$destdir$unitdir/feedwatch@.service"
install -d -m 0700 "$destdir$sysconfdir/feedwatch/secrets"
if [ -e "$destdir$sysconfdir/feedwatch/feeds.yaml" ]; then
  echo "==> Kept $destdir$sysconfdir/feedwatch/feeds.yaml"
else
  install -D -m 0644 feeds.yaml "$destdir$sysconfdir/feedwatch/feeds.yaml"
fi
