#!/bin/sh
# wait-dirty-bdi.sh - wait-dirty-throttle.sh with the loop device's own
# dirty limit (max_ratio 1%, strict_limit) instead of a lowered global
# one: the evidence quotes the device's limit.  Root only; restores the
# device's limits on exit.
WAIT_DIRTY_BDI=1
. "${SRCDIR:-.}/tests/wait-dirty-throttle.sh"
