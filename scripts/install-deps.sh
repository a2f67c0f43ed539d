#!/usr/bin/env bash
# Installs the Debian packages feedwatch builds against, when any is missing. Idempotent.
set -euo pipefail
# postgresql: the server the tests start a throwaway cluster of (scripts/with-postgres.sh); libpq-dev: its client.
# python3-aiosmtpd: the SMTP server the e-mail tests deliver to (scripts/smtp-receiver.py).
packages=(libxml2-dev libcurl4-openssl-dev libsqlite3-dev libssl-dev libuchardet-dev libpq-dev postgresql pkg-config python3-aiosmtpd)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
