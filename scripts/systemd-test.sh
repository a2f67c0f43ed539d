#!/usr/bin/env bash
# make systemd-test: the .deb, installed with apt into a minimal Debian 12, started under a real
# systemd 252 booted in systemd-nspawn, with the unit's own sandbox. Checks, in order:
#   the binary needs nothing but Debian's libraries; `systemd-analyze verify` is clean and the
#   security score is 2.0 or better; with no secrets at all the unit reaches active, sends READY and
#   STATUS, and stays up for 60 s with the watchdog; with a webhook URL and a signing secret given as
#   credentials, an alert from a feed served in the container reaches a receiver there, signed, and an
#   SMTP server there over STARTTLS, logged in with a credential;
#   /healthz answers 200 and /metrics counts the polls, inside the sandbox;
#   `systemctl reload` re-reads the configuration (a feed added takes effect, the PID stays);
#   `systemctl stop` takes under 5 s; two instances of the template unit share a PostgreSQL database
#   in the container, with its password as a credential, and deliver a story once; an upgrade keeps
#   an edited feeds.yaml and restarts the service;
#   a purge removes the unit, the configuration and the state, and leaves the operator's secrets.
# Safety: systemd runs only inside the container; this machine's systemd is never started or asked
# anything (systemctl here would act on the machine itself), and systemd-container is unpacked into
# a folder of our own rather than installed. The container is powered off and removed whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
deb=$( (ls -t .build-deb/feedwatch_*_"$(dpkg --print-architecture)".deb 2>/dev/null || true) | head -1)
[ -n "$deb" ] || { echo "systemd-test: no .deb in .build-deb/; run make deb" >&2; exit 1; }
cache=${FEEDWATCH_SYSTEMD_CACHE:-/var/cache/feedwatch-systemd-test}   # outside /tmp; kept between runs
STAY_SECONDS=${STAY_SECONDS:-60}
passed=0 failed=0

say() { printf '==> %s\n' "$*"; }
pass() { passed=$((passed + 1)); printf 'PASS %s\n' "$*"; }
fail() { failed=$((failed + 1)); printf 'FAIL %s\n' "$*"; }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# --- systemd-nspawn, unpacked from Debian's package at the version of this machine's libsystemd-shared
mkdir -p "$cache"
# curl reads /healthz and /metrics from inside the container's network namespace.
command -v curl >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null
# The Debian archive this machine's apt uses (a URI ending in /debian), for debootstrap.
mirror=${FEEDWATCH_MIRROR:-}
[ -n "$mirror" ] || mirror=$( (grep -rhoE '^(URIs:|deb) +https?://[^ ]+' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null || true) \
  | awk '{print $2}' | (grep -E '/debian/?$' || true) | head -1)
[ -n "$mirror" ] || { echo "systemd-test: no Debian mirror in /etc/apt/sources*; set FEEDWATCH_MIRROR" >&2; exit 1; }
tools=$cache/systemd-container
if [ ! -x "$tools/usr/bin/systemd-nspawn" ]; then
  say "Unpacking systemd-container into $tools"
  apt-cache show systemd-container >/dev/null 2>&1 || apt-get update -qq
  version=$(dpkg-query -W -f='${Version}' libsystemd-shared 2>/dev/null || true)
  if [ -z "$version" ] || ! apt-cache madison systemd-container | grep -qF " $version "; then
    version=$(apt-cache policy systemd-container | awk '/Candidate:/ {print $2}')
  fi
  downloads=$(mktemp -d "$cache/download.XXXX")
  (cd "$downloads" && apt-get download -qq "systemd-container=$version" "libsystemd-shared=$version")
  rm -rf "$tools" && mkdir -p "$tools"
  for package in "$downloads"/*.deb; do dpkg-deb -x "$package" "$tools"; done
  rm -rf "$downloads"
fi
nspawn() { LD_LIBRARY_PATH="$tools/usr/lib/x86_64-linux-gnu/systemd" "$tools/usr/bin/systemd-nspawn" "$@"; }

# --- a minimal Debian 12, made once; each run works on a copy of it
base=$cache/bookworm-base
if [ ! -e "$base/.complete" ]; then
  say "Debootstrapping a minimal Debian 12 into $base (about a minute, once)"
  command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  rm -rf "$base"
  debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus,python3 bookworm "$base" "$mirror" >/dev/null
  touch "$base/.complete"
fi

# What an interrupted earlier run left: its copy of the system and its empty cgroups.
rm -rf "$cache"/run.*
for h in /sys/fs/cgroup /sys/fs/cgroup/unified /sys/fs/cgroup/systemd; do
  for stale in "$h"/feedwatch-systemd-test-*; do
    [ -d "$stale" ] && find "$stale" -depth -type d -exec rmdir {} \; 2>/dev/null || true
  done
done
run=$(mktemp -d "$cache/run.XXXX")
root=$run/root
cgroup_name=feedwatch-systemd-test-$$
cgroups=()
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then cgroups=(/sys/fs/cgroup)
else for h in /sys/fs/cgroup/unified /sys/fs/cgroup/systemd; do [ -d "$h" ] && cgroups+=("$h"); done; fi
nspawn_pid=""
pid1=""
cleanup() {
  if [ "$failed" -gt 0 ] && [ -n "$pid1" ] && kill -0 "$pid1" 2>/dev/null; then
    echo "--- the container's journal (the test failed)"
    nsenter -t "$pid1" -a journalctl --no-pager -o short-monotonic | tail -n 60 || true
  fi
  if [ -n "$pid1" ] && kill -0 "$pid1" 2>/dev/null; then
    nsenter -t "$pid1" -a systemctl poweroff >/dev/null 2>&1 || true
    for _ in $(seq 50); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 0.2; done
  fi
  # Whatever is left in our cgroup (nspawn, or a container it lost hold of) is killed, not orphaned.
  for h in "${cgroups[@]}"; do
    [ -d "$h/$cgroup_name" ] && find "$h/$cgroup_name" -name cgroup.procs -exec cat {} \; 2>/dev/null | xargs -r kill -KILL 2>/dev/null || true
  done
  [ -n "$nspawn_pid" ] && wait "$nspawn_pid" 2>/dev/null || true
  # A cgroup can be removed once its last process is gone, which takes a moment after the kill.
  for _ in $(seq 50); do
    left=0
    for h in "${cgroups[@]}"; do
      [ -d "$h/$cgroup_name" ] || continue
      find "$h/$cgroup_name" -depth -type d -exec rmdir {} \; 2>/dev/null || true
      [ -d "$h/$cgroup_name" ] && left=1
    done
    [ "$left" = 0 ] && break
    sleep 0.2
  done
  mountpoint -q "$root/proc" 2>/dev/null && umount "$root/proc" || true
  rm -rf "$run"
}
trap cleanup EXIT

say "Copying the base system and installing $(basename "$deb") with apt in a chroot"
cp -a "$base" "$root"
cp "$deb" "$root/root/feedwatch.deb"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
# PostgreSQL too, for the template unit's instances sharing one database (section 5), and aiosmtpd,
# the SMTP server the email sink delivers to (section 2).
if ! chroot "$root" env DEBIAN_FRONTEND=noninteractive sh -c 'apt-get update -qq && apt-get install -y -qq /root/feedwatch.deb postgresql python3-aiosmtpd' \
     > "$run/apt.log" 2>&1; then
  cat "$run/apt.log"; fail "apt installs the package and its Depends"; exit 1
fi
pass "apt installs the package and its Depends"
umount "$root/proc"
check "the binary is in /usr/bin and the unit in /lib/systemd/system" \
  test -x "$root/usr/bin/feedwatch" -a -f "$root/lib/systemd/system/feedwatch.service"
check "the unit runs the binary the package installed" grep -q '^ExecStart=/usr/bin/feedwatch run' "$root/lib/systemd/system/feedwatch.service"
check "/etc/feedwatch/feeds.yaml is a conffile" grep -qx /etc/feedwatch/feeds.yaml "$root/var/lib/dpkg/info/feedwatch.conffiles"
check "the man page and completions are installed" test -f "$root/usr/share/man/man1/feedwatch.1.gz" \
  -a -f "$root/usr/share/bash-completion/completions/feedwatch" -a -f "$root/usr/share/zsh/vendor-completions/_feedwatch" \
  -a -f "$root/usr/share/fish/vendor_completions.d/feedwatch.fish"

# `make install` honours PREFIX and DESTDIR, and writes the unit for the prefix it installs to.
./scripts/stage.sh "$run/stage" /opt/fw/bin /opt/fw/share/doc/feedwatch /opt/fw/share/man /etc/systemd/system /etc /opt/fw/share >/dev/null
check "an install to another prefix writes the unit for it" grep -q '^ExecStart=/opt/fw/bin/feedwatch run' "$run/stage/etc/systemd/system/feedwatch.service"
check "... and puts the binary there" test -x "$run/stage/opt/fw/bin/feedwatch"

# The feeds and the receiver, served inside the container.
cp scripts/systemd-test-server.py "$root/root/server.py"
mkdir -p "$root/root/feeds"

say "Booting the container"
for h in "${cgroups[@]}"; do mkdir -p "$h/$cgroup_name"; done
(
  for h in "${cgroups[@]}"; do echo "$BASHPID" > "$h/$cgroup_name/cgroup.procs"; done
  exec env LD_LIBRARY_PATH="$tools/usr/lib/x86_64-linux-gnu/systemd" "$tools/usr/bin/systemd-nspawn" -q -D "$root" \
    --boot --register=no --keep-unit --resolv-conf=off --private-network --link-journal=no --console=passive \
    --machine=feedwatch-test
) > "$run/console.log" 2>&1 < /dev/null &
nspawn_pid=$!
# The container's PID 1 is nspawn's child.
for _ in $(seq 100); do
  pid1=$(pgrep -P "$nspawn_pid" -x systemd || true)
  [ -n "$pid1" ] && break
  sleep 0.1
done
[ -n "$pid1" ] || { cat "$run/console.log"; fail "the container boots"; exit 1; }
ct() { nsenter -t "$pid1" -a "$@"; }
state=""
for _ in $(seq 60); do
  state=$(timeout 60 nsenter -t "$pid1" -a systemctl is-system-running --wait 2>/dev/null || true)
  case $state in running|degraded) break ;; esac
  sleep 0.5
done
check "the container's systemd is up (state: $state)" test "$state" = running -o "$state" = degraded
say "systemd in the container: $(ct systemctl --version | head -1)"

echo "--- ldd /usr/bin/feedwatch (inside the container)"
ct ldd /usr/bin/feedwatch | sed 's/ (0x[0-9a-f]*)//'
check "every library the binary needs is there" sh -c "! nsenter -t $pid1 -a ldd /usr/bin/feedwatch | grep -q 'not found'"
check "the binary links no Swift runtime library" sh -c "! nsenter -t $pid1 -a ldd /usr/bin/feedwatch | grep -qi swift"

# --man=no: the container has no man-db to look the man page up with (its file is checked above).
verify=$(ct systemd-analyze verify --man=no /lib/systemd/system/feedwatch.service 2>&1 || true)
check "systemd-analyze verify is clean${verify:+: $verify}" test -z "$verify"
verify_template=$(ct systemd-analyze verify --man=no /lib/systemd/system/feedwatch@2.service 2>&1 || true)
check "... and for the template unit's instance feedwatch@2${verify_template:+: $verify_template}" test -z "$verify_template"
score=$(ct systemd-analyze security feedwatch.service --no-pager 2>/dev/null | sed -n 's/.*Overall exposure level for feedwatch.service: \([0-9.]*\).*/\1/p')
say "systemd-analyze security: ${score:-none}"
check "security exposure is 2.0 or better (${score:-none})" awk -v s="${score:-99}" 'BEGIN { exit !(s <= 2.0) }'

# --- 1. As shipped: no secrets at all.
show() { ct systemctl show feedwatch.service -p "$1" --value; }
say "Starting feedwatch as shipped (no secrets, the shipped feeds.yaml)"
started=$(now)
check "systemctl start succeeds" ct systemctl start feedwatch.service
active_after=$(elapsed "$started" "$(now)")
check "it is active (READY arrived) after ${active_after} s" test "$(show ActiveState)" = active
status=$(show StatusText)
check "STATUS arrived: '$status'" test -n "$status"
check "the watchdog is armed ($(show WatchdogUSec))" test "$(show WatchdogUSec)" != 0
main_pid=$(show MainPID)
watchdog_before=$(show WatchdogTimestampMonotonic)
say "Staying up for $STAY_SECONDS s"
stayed=yes
for _ in $(seq $((STAY_SECONDS / 5))); do
  sleep 5
  [ "$(show ActiveState)" = active ] && [ "$(show MainPID)" = "$main_pid" ] || { stayed=no; break; }
done
check "active for $STAY_SECONDS s, same PID, no restart (NRestarts=$(show NRestarts))" test "$stayed" = yes -a "$(show NRestarts)" = 0
# READY sets the watchdog timestamp too; a later one means pings arrived while it ran.
check "the watchdog was pinged while it ran (last at $(show WatchdogTimestamp))" \
  test "$(show WatchdogTimestampMonotonic)" -gt "${watchdog_before:-0}"
journal() { ct journalctl -u feedwatch.service --no-pager -o cat; }
check "no SIGSYS or other kill in the journal" sh -c "! nsenter -t $pid1 -a journalctl -u feedwatch.service --no-pager -o cat | grep -Eq 'SIGSYS|code=killed|core-dump'"

# --- 2. A webhook URL and a signing secret as credentials; a feed served in the container.
# The first poll of a new feed comes at a point of its interval derived from its URL (Scheduler's
# spreadOffset, FNV-1a over the URL); pick a path that comes within the first seconds.
feed_path() {
  python3 - "$1" <<'PY'
import sys
for n in range(1000):
    url = f"http://127.0.0.1:8081/{sys.argv[1]}-{n}.xml"
    h = 0xcbf29ce484222325
    for b in url.encode():
        h = ((h ^ b) * 0x100000001b3) % 2**64
    if h % 10000 / 10000 * 60 < 3:
        print(f"{sys.argv[1]}-{n}.xml"); break
PY
}
rss() {
  cat <<XML
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title><link>http://127.0.0.1:8081/</link>
<item><title>$2</title><link>http://127.0.0.1:8081/$1</link><guid>$1</guid><pubDate>Sun, 02 Mar 2025 10:00:00 GMT</pubDate>
<description>The United States ordered an end to offensive cyber operations against Russia, officials said.</description></item>
</channel></rss>
XML
}
first=$(feed_path first) second=$(feed_path second)
rss story-1 "US ends offensive cyber operations against Russia" > "$root/root/feeds/$first"
rss story-2 "Russia responds to the end of US cyber operations" > "$root/root/feeds/$second"
secret="whsec_$(head -c 32 /dev/urandom | base64)"
printf '%s\n' "$secret" > "$root/root/hook-secret"
install -m 0600 "$root/root/hook-secret" "$root/etc/feedwatch/secrets/hook-secret"
printf 'http://127.0.0.1:8081/hook/T0/B0/credential-token\n' > "$root/etc/feedwatch/secrets/hook-url"
# A second webhook where nothing listens: its retries are logged, and must not show its URL's path.
printf 'http://127.0.0.1:8089/down/T0/B0/retry-token\n' > "$root/etc/feedwatch/secrets/down-url"
chmod 0600 "$root/etc/feedwatch/secrets/hook-url" "$root/etc/feedwatch/secrets/down-url"
ct systemd-run --quiet --unit=feedwatch-test-server python3 /root/server.py /root/feeds 8081 /root/received.jsonl /root/hook-secret
# An SMTP server with STARTTLS and a login; its certificate is the sink's ca_file, its password a credential.
cp scripts/smtp-receiver.py "$root/root/smtp-receiver.py"
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -days 2 \
  -keyout "$root/root/smtp-key.pem" -out "$root/etc/feedwatch/smtp-ca.pem" 2>/dev/null
smtp_password="smtp-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')"
printf '%s\n' "$smtp_password" > "$root/etc/feedwatch/secrets/smtp-password"
chmod 0600 "$root/etc/feedwatch/secrets/smtp-password"
ct systemd-run --quiet --unit=feedwatch-test-smtp python3 /root/smtp-receiver.py --port-file /root/smtp-port --out /root/mail \
  --tls starttls --cert /etc/feedwatch/smtp-ca.pem --key /root/smtp-key.pem --user feedwatch \
  --password-file /etc/feedwatch/secrets/smtp-password
for _ in $(seq 100); do [ -s "$root/root/smtp-port" ] && break; sleep 0.1; done
smtp_port=$(cat "$root/root/smtp-port" 2>/dev/null)
config() {
  cat <<YAML
settings:
  interval: 1m
sinks:
  - {name: log, type: log, path: alerts.jsonl}
  - {name: hook, type: webhook, url_file: secrets/hook-url, secret_file: secrets/hook-secret}
  - {name: down, type: webhook, url_file: secrets/down-url}
  - {name: mail, type: email, url: "smtp://127.0.0.1:${smtp_port}", ca_file: /etc/feedwatch/smtp-ca.pem, from: feedwatch@test.example,
     to: [ops@test.example], username: feedwatch, password_file: secrets/smtp-password}
watchlists:
  - name: russia-cyber
    rule: all
    topics:
      - {name: cyber operations, terms: [cyber operations]}
      - {name: Russia, entity: Russia}
feeds:
YAML
  for path in "$@"; do printf '  - {url: "http://127.0.0.1:8081/%s", name: Wire, alert_on_first_poll: true}\n' "$path"; done
}
# Written aside and renamed into place: the daemon also notices a changed file by itself, and must
# never see half of one.
write_config() { config "$@" > "$root/etc/feedwatch/feeds.yaml.new" && mv "$root/etc/feedwatch/feeds.yaml.new" "$root/etc/feedwatch/feeds.yaml"; }
write_config "$first"
received() { cat "$root/root/received.jsonl" 2>/dev/null | wc -l; }
wait_for_alerts() {
  for _ in $(seq 150); do [ "$(received)" -ge "$1" ] && return 0; sleep 0.5; done
  return 1
}
say "Restarting with the webhook URL and the signing secret as credentials"
check "systemctl restart succeeds" ct systemctl restart feedwatch.service
check "active again with credentials" test "$(show ActiveState)" = active
check "an alert from the feed reaches the receiver" wait_for_alerts 1
record=$(sed -n 1p "$root/root/received.jsonl" 2>/dev/null)
check "it went to the URL from the credential" grep -q '"path": "/hook/T0/B0/credential-token"' <<< "$record"
check "its signature verifies with the credential's secret" grep -q '"signed": true' <<< "$record"
check "it is the alert for story-1" grep -q '"link": "http://127.0.0.1:8081/story-1"' <<< "$record"
mails() { ls "$root/root/mail" 2>/dev/null | grep -c '\.eml$'; }
for _ in $(seq 60); do [ "$(mails)" -ge 1 ] && break; sleep 0.25; done
check "the email sink's message reached the SMTP server over STARTTLS, logged in with the credential" \
    sh -c "grep -q '\"tls\": true' '$root/root/mail/0001.json' && grep -q '\"auth_user\": \"feedwatch\"' '$root/root/mail/0001.json'"
check "... with the alert's id as its Message-ID" sh -c "grep -q '^Message-ID: <fw_' '$root/root/mail/0001.eml'"
for _ in $(seq 40); do journal | grep -q 'alert delivery failed; will retry' && break; sleep 0.25; done
# /healthz and /metrics listen on the container's loopback; the host's curl reaches it from inside
# the container's network namespace.
health=$(nsenter -t "$pid1" -n curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:9464/healthz || true)
check "/healthz answers 200 under the unit's sandbox (got ${health:-nothing})" test "$health" = 200
check "/metrics counts the polls in Prometheus format" \
    sh -c "nsenter -t $pid1 -n curl -s http://127.0.0.1:9464/metrics | grep -q '^feedwatch_polls_total{result=\"ok\"}'"
check "the webhook that is down is retried, and that is logged" sh -c "nsenter -t $pid1 -a journalctl -u feedwatch.service --no-pager -o cat | grep -q 'alert delivery failed; will retry'"
logs_target() { journal | grep 'will retry' | grep -qF "target=\"the URL in 'secrets/down-url'\""; }
check "... naming the webhook by where its URL is kept" logs_target
check "the journal never shows a webhook URL's path or the SMTP password" \
    sh -c "! nsenter -t $pid1 -a journalctl --no-pager -o verbose | grep -Eq 'credential-token|retry-token|$smtp_password'"

# --- 3. systemctl reload re-reads the configuration. First with the file unchanged, so that only the
# signal can have caused it (the daemon also reloads by itself when the file changes).
main_pid=$(show MainPID)
reloads() { journal | grep -c 'configuration reloaded' || true; }
reloads_before=$(reloads)
reload_started=$(now)
check "systemctl reload succeeds" ct systemctl reload feedwatch.service
reload_took=$(elapsed "$reload_started" "$(now)")
for _ in $(seq 20); do [ "$(reloads)" -gt "$reloads_before" ] && break; sleep 0.25; done
check "the signal made the daemon reload ('configuration reloaded' logged) in ${reload_took} s" test "$(reloads)" -gt "$reloads_before"
check "same PID, still active" test "$(show MainPID)" = "$main_pid" -a "$(show ActiveState)" = active
write_config "$first" "$second"
check "systemctl reload with a feed added succeeds" ct systemctl reload feedwatch.service
check "the feed added by the reload alerts too" wait_for_alerts 2
check "... with story-2" sh -c "sed -n 2p '$root/root/received.jsonl' | grep -q story-2"
check "each alert arrived once" test "$(received)" = 2
for _ in $(seq 60); do [ "$(mails)" -ge 2 ] && break; sleep 0.25; done
check "... and was mailed once" test "$(mails)" = 2

# --- 4. Stop.
stop_started=$(now)
check "systemctl stop succeeds" ct systemctl stop feedwatch.service
stop_took=$(elapsed "$stop_started" "$(now)")
check "systemctl stop takes under 5 s (${stop_took} s)" awk -v t="$stop_took" 'BEGIN { exit !(t < 5) }'
check "stopped cleanly (Result=$(show Result))" test "$(show Result)" = success

# --- 5. Two instances of the template unit, feedwatch@1 and feedwatch@2, on one PostgreSQL database
# (Debian's postgresql, in the container), the password given as a credential.
say "Two template instances on PostgreSQL"
# On standard input: a password on a command line would be in the journal's _CMDLINE fields.
printf '%s\n' "CREATE ROLE feedwatch LOGIN PASSWORD 'db-credential-secret';" "CREATE DATABASE feedwatch OWNER feedwatch;" \
  | ct runuser -u postgres -- psql -q
printf 'db-credential-secret\n' > "$root/etc/feedwatch/secrets/db-password"
chmod 0600 "$root/etc/feedwatch/secrets/db-password"
third=$(feed_path third)
rss story-3 "Russia and the US cyber operations order" > "$root/root/feeds/$third"
{ config "$third" | sed 's|^settings:$|settings:\n  database: postgres://feedwatch@127.0.0.1:5432/feedwatch\n  database_password_file: secrets/db-password|'
} > "$root/etc/feedwatch/feeds.yaml.new" && mv "$root/etc/feedwatch/feeds.yaml.new" "$root/etc/feedwatch/feeds.yaml"
received_before=$(received)
check "systemctl start feedwatch@1 feedwatch@2 succeeds" ct systemctl start feedwatch@1.service feedwatch@2.service
shown() { ct systemctl show "$1" -p "$2" --value; }
check "both instances are active" test "$(shown feedwatch@1.service ActiveState)" = active -a "$(shown feedwatch@2.service ActiveState)" = active
check "the story of the new feed reaches the receiver" wait_for_alerts $((received_before + 1))
sleep 3  # a second delivery, if there were one, would come now
check "... once, though two instances poll that feed" test "$(received)" = $((received_before + 1))
check "... and it is story-3" sh -c "tail -n 1 '$root/root/received.jsonl' | grep -q story-3"
for n in 1 2; do
  health=$(nsenter -t "$pid1" -n curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:947$n/healthz" || true)
  check "instance $n answers /healthz on 127.0.0.1:947$n (got ${health:-nothing})" test "$health" = 200
done
instances=$(ct feedwatch status --config /etc/feedwatch/feeds.yaml 2>&1 | sed -n 's/^instances: //p' || true)
check "feedwatch status lists both instances (${instances:-none})" test "${instances:-0}" = 2
check "the journal never shows the database password" sh -c "! nsenter -t $pid1 -a journalctl --no-pager -o verbose | grep -q db-credential-secret"
check "systemctl stop feedwatch@1 feedwatch@2 succeeds" ct systemctl stop feedwatch@1.service feedwatch@2.service
check "both stopped cleanly" test "$(shown feedwatch@1.service Result)" = success -a "$(shown feedwatch@2.service Result)" = success

# --- 6. Upgrade keeps an edited configuration; removal stops; purge cleans up.
cp "$deb" "$root/root/feedwatch.deb"
edited=$(sha256sum < "$root/etc/feedwatch/feeds.yaml")
check "systemctl start before the upgrade" ct systemctl start feedwatch.service
upgrade() { ct env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --reinstall -o Dpkg::Options::=--force-confdef \
  -o Dpkg::Options::=--force-confold /root/feedwatch.deb > "$run/upgrade.log" 2>&1; }
pid_before=$(show MainPID)
check "reinstalling the package over a running service succeeds" upgrade
check "the edited feeds.yaml is kept" test "$(sha256sum < "$root/etc/feedwatch/feeds.yaml")" = "$edited"
check "the running service was restarted on the new binary" test "$(show ActiveState)" = active -a "$(show MainPID)" != "$pid_before"
purge() { ct env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq feedwatch > "$run/purge.log" 2>&1; }
check "purging the package succeeds" purge
check "... stops the service" test "$(show ActiveState)" != active
check "... removes the unit, the configuration and the state" test ! -e "$root/lib/systemd/system/feedwatch.service" \
  -a ! -e "$root/etc/feedwatch/feeds.yaml" -a ! -e "$root/var/lib/private/feedwatch" -a ! -e "$root/var/lib/private/feedwatch-1"
check "... and leaves the operator's secrets" test -f "$root/etc/feedwatch/secrets/hook-secret"

echo "--- the service's journal"
journal | tail -n 25
echo "--- summary: active after ${active_after} s, reload ${reload_took} s, stop ${stop_took} s, security ${score:-none}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
