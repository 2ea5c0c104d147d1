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


def best(f, runs=3):
    f()  # warm-up (compiles)
    ts = []
    for _ in range(runs):
        t = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t)
    return min(ts)


close = np.fromfile(f"{d}/close.f64", dtype=np.float64)
entries = np.fromfile(f"{d}/entries.u8", dtype=np.uint8).astype(bool)
exits = np.fromfile(f"{d}/exits.u8", dtype=np.uint8).astype(bool)
out["sparse_s"] = best(lambda: vbt.Portfolio.from_signals(close, entries, exits, fees=0.001, freq="1min").total_return())
orders = np.fromfile(f"{d}/orders.f64", dtype=np.float64)[: spec["denseBars"]]
dense_close = close[: spec["denseBars"]]
out["dense_s"] = best(lambda: vbt.Portfolio.from_orders(dense_close, orders, fees=0.001, freq="1min").total_return())
out["dense_orders"] = int(vbt.Portfolio.from_orders(dense_close, orders, fees=0.001, freq="1min").orders.count())

g = spec["vbtGrid"]
gc = pd.Series(close[: g["bars"]])


def grid():
    fast = vbt.MA.run(gc, g["fast"], short_name="fast")
    slow = vbt.MA.run(gc, g["slow"], short_name="slow")
    e = fast.ma_crossed_above(slow)
    x = fast.ma_crossed_below(slow)
    return vbt.Portfolio.from_signals(gc, e, x, fees=0.001, freq="1min").total_return()


out["grid_s"] = best(grid, runs=1)
out["grid_combos"] = len(g["fast"])
out["grid_bars"] = g["bars"]
print(json.dumps(out))
