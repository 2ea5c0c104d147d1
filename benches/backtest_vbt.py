"""vectorbt side of the backtest bench (benches/backtest.mjs): the same workloads on the same
data (raw float64 / uint8 files). A server on stdin / stdout, so the bench can interleave its
runs with hean's (each round: one contender's runs, then the other's, the order alternating):
both then run on the same machine state (the other jobs' load, and this VM's free page
reporting, which makes memory that sat free for a few seconds fault on the host again: a
large process that exits just before one contender's runs would slow only that one; see
docs/backtest.md#speed).

Protocol: one JSON line out, {"ready": true, "dense_orders": n}, once every case has been
called once (Numba compilation not counted); then per line in, {"case": name, "runs": k},
one warm-up call and k timed calls of that case, answered with one JSON line {"wall": [s,
...], "cpu": [s, ...]} (process CPU time, all threads: the machine is shared, and CPU time
does not count the other jobs). {"case": "quit"} ends it."""
import json
import sys
import time
import warnings

import numpy as np
import pandas as pd
import vectorbt as vbt

warnings.filterwarnings("ignore")
d = sys.argv[1]
spec = json.load(open(f"{d}/spec.json"))

close = np.fromfile(f"{d}/close.f64", dtype=np.float64)
entries = np.fromfile(f"{d}/entries.u8", dtype=np.uint8).astype(bool)
exits = np.fromfile(f"{d}/exits.u8", dtype=np.uint8).astype(bool)
orders = np.fromfile(f"{d}/orders.f64", dtype=np.float64)[: spec["denseBars"]]
dense_close = close[: spec["denseBars"]]
g = spec["vbtGrid"]
gc = pd.Series(close[: g["bars"]])


def grid():
    fast = vbt.MA.run(gc, g["fast"], short_name="fast")
    slow = vbt.MA.run(gc, g["slow"], short_name="slow")
    e = fast.ma_crossed_above(slow)
    x = fast.ma_crossed_below(slow)
    return vbt.Portfolio.from_signals(gc, e, x, fees=0.001, freq="1min").total_return()


cases = {
    "sparse": lambda: vbt.Portfolio.from_signals(close, entries, exits, fees=0.001, freq="1min").total_return(),
    "dense": lambda: vbt.Portfolio.from_orders(dense_close, orders, fees=0.001, freq="1min").total_return(),
    "dense_trades": lambda: vbt.Portfolio.from_orders(dense_close, orders, fees=0.001, freq="1min").trades.count(),
    "grid": grid,
}
for f in cases.values():
    f()  # compiles
dense_orders = int(vbt.Portfolio.from_orders(dense_close, orders, fees=0.001, freq="1min").orders.count())
print(json.dumps({"ready": True, "dense_orders": dense_orders, "grid_combos": len(g["fast"]), "grid_bars": g["bars"]}), flush=True)

for line in sys.stdin:
    cmd = json.loads(line)
    if cmd["case"] == "quit":
        break
    f = cases[cmd["case"]]
    f()  # warm-up, as hean's runs have
    ts, cs = [], []
    for _ in range(cmd["runs"]):
        t, c = time.perf_counter(), time.process_time()
        f()
        ts.append(time.perf_counter() - t)
        cs.append(time.process_time() - c)
    print(json.dumps({"wall": ts, "cpu": cs}), flush=True)
