#!/usr/bin/env bash
# Installs what is needed, builds Sujarit, and runs the whole system on this machine
# (`sujarit up`: one process plus a local nats-server; web on http://127.0.0.1:8080).
# Extra arguments go to `sujarit up`, e.g. `scripts/run.sh --data-dir /var/lib/sujarit`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
cargo build --release --bin sujarit
exec target/release/sujarit up --demo "$@"
