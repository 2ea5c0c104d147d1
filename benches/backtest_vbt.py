"""vectorbt side of the backtest bench (benches/backtest.mjs): times the same workloads on
the same data (raw float64 / uint8 files), after a warm-up call so Numba compilation is
not counted. Prints JSON."""
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
out = {}


cpu = {}


def best(f, runs=3, key=None):
    """Fastest wall time of `runs` calls; the fastest process CPU time (all threads) goes
    to out[key + "_cpu"] (the machine is shared: CPU time does not count other jobs)."""
    f()  # warm-up (compiles)
    ts, cs = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        f()
        ts.append(time.perf_counter() - t)
        cs.append(time.process_time() - c)
    if key:
        cpu[key + "_cpu"] = min(cs)
    return min(ts)


close = np.fromfile(f"{d}/close.f64", dtype=np.float64)
entries = np.fromfile(f"{d}/entries.u8", dtype=np.uint8).astype(bool)
exits = np.fromfile(f"{d}/exits.u8", dtype=np.uint8).astype(bool)
out["sparse_s"] = best(lambda: vbt.Portfolio.from_signals(close, entries, exits, fees=0.001, freq="1min").total_return(), key="sparse")
orders = np.fromfile(f"{d}/orders.f64", dtype=np.float64)[: spec["denseBars"]]
dense_close = close[: spec["denseBars"]]
out["dense_s"] = best(lambda: vbt.Portfolio.from_orders(dense_close, orders, fees=0.001, freq="1min").total_return(), key="dense")
out["dense_trades_s"] = best(lambda: vbt.Portfolio.from_orders(dense_close, orders, fees=0.001, freq="1min").trades.count(), key="dense_trades")
out["dense_orders"] = int(vbt.Portfolio.from_orders(dense_close, orders, fees=0.001, freq="1min").orders.count())

g = spec["vbtGrid"]
gc = pd.Series(close[: g["bars"]])


def grid():
    fast = vbt.MA.run(gc, g["fast"], short_name="fast")
    slow = vbt.MA.run(gc, g["slow"], short_name="slow")
    e = fast.ma_crossed_above(slow)
    x = fast.ma_crossed_below(slow)
    return vbt.Portfolio.from_signals(gc, e, x, fees=0.001, freq="1min").total_return()


out["grid_s"] = best(grid, runs=1, key="grid")
out["grid_combos"] = len(g["fast"])
out["grid_bars"] = g["bars"]
out.update(cpu)
print(json.dumps(out))
