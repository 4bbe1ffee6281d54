#!/usr/bin/env bash
# Installs, from Debian, what the tests need and a fresh machine may lack: Chromium (browser
# tests), poppler-utils (pdftotext, to read generated PDFs) and the PostgreSQL server.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "Il manque ${missing[*]} : installez-les (sudo apt-get install ${missing[*]})." >&2
  exit 1
fi
echo "Installation depuis Debian : ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
