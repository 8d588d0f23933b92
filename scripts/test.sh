#!/usr/bin/env bash
# Installs what is needed and runs every test of the workspace: unit, given/when/then, and
# end-to-end tests against real nats-servers and sled stores in temp dirs.
# Extra arguments go to `cargo test`, e.g. `scripts/test.sh -p sujarit-eventstore`.
set -euo pipefail
cd "$(dirname "$0")/.."
SUJARIT_SETUP_BROWSER=1 . scripts/setup.sh
exec cargo test --workspace "$@"
