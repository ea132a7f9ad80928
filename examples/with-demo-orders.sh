#!/usr/bin/env bash
# The example shipment and adjustment files name orders of an imaginary account (1000123, 1000124, 1000125). This
# writes them into the inbox with orders the bridge has imported instead: the first three order files of the outbox
# (the file form writes one per saved order, order-<ChannelAdvisor ID>.json), and their first items.
# Usage, from the folder the bridge runs in: examples/with-demo-orders.sh [OUTBOX [INBOX]]
# With several profiles (channeladvisor.profiles) each has its own outbox folder: give one, e.g. ./data/outbox/us.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
outbox=${1:-${SYSTEM2_FILE_OUTBOX:-./data/outbox}}
inbox=${2:-${SYSTEM2_FILE_INBOX:-./data/inbox}}
mapfile -t orders < <(ls -1 "$outbox" 2>/dev/null | grep -E '^order-[0-9]+\.json$' | sort -t- -k2 -n | head -n 3)
if (( ${#orders[@]} < 3 )); then
  echo "The outbox $outbox holds ${#orders[@]} order file(s); let the bridge import 3 orders (the demo creates a few" \
       "a minute) and run this again." >&2
  exit 1
fi
id_of() { sed -E 's/^order-([0-9]+)\.json$/\1/' <<<"$1"; }
first_item_of() { grep -oE '"ca_order_item_id" *: *[0-9]+' "$outbox/$1" | head -n 1 | grep -oE '[0-9]+$'; }
o1=$(id_of "${orders[0]}") o2=$(id_of "${orders[1]}") o3=$(id_of "${orders[2]}")
i1=$(first_item_of "${orders[0]}") i2=$(first_item_of "${orders[1]}")
mkdir -p "$inbox/shipments" "$inbox/adjustments"
fill() { sed -e "s/1000123/$o1/g" -e "s/1000124/$o2/g" -e "s/1000125/$o3/g" -e "s/2000301/$i1/g" -e "s/2000311/$i2/g" "$1"; }
# written under a hidden name and renamed, so that the bridge never reads half a file
fill "$here/shipments.csv" >"$inbox/shipments/.examples.csv" && mv "$inbox/shipments/.examples.csv" "$inbox/shipments/examples.csv"
fill "$here/adjustments.csv" >"$inbox/adjustments/.examples.csv" && mv "$inbox/adjustments/.examples.csv" "$inbox/adjustments/examples.csv"
echo "examples dropped for orders $o1 (shipped whole, item $i1 refunded), $o2 (item $i2 shipped), $o3 (cancelled)"
