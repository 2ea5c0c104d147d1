"""Independent references for hean's backtest tests: runs vectorbt and backtesting.py on
cases given as JSON (argv[1]) and prints their results as JSON. Only the libraries'
public APIs are used; nothing here re-implements a simulation."""
import json
import math
import sys
import warnings

import numpy as np
import pandas as pd

warnings.filterwarnings("ignore")


def clean(x):
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items()}
    if isinstance(x, (np.floating, float)):
        x = float(x)
        return None if math.isnan(x) else ("inf" if x == math.inf else ("-inf" if x == -math.inf else x))
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (np.bool_,)):
        return bool(x)
    if x is pd.NaT:
        return None
    if isinstance(x, pd.Timestamp):
        return str(x)
    if isinstance(x, pd.Timedelta):
        return x / pd.Timedelta("1D")
    return x


def frame(values, bars, cols):
    a = np.asarray(values, dtype=float).reshape(cols, bars).T
    return pd.DataFrame(a, index=pd.date_range("2020-01-01", periods=bars, freq="1D"))


def run_vbt(case):
    import vectorbt as vbt

    bars, assets = case["bars"], case["assets"]
    cols = case["columns"]
    close = frame(case["close"], bars, assets)
    # column c trades asset c % assets
    close = close.iloc[:, [c % assets for c in range(cols)]]
    close.columns = range(cols)
    kw = dict(case["kwargs"])
    for k in ("open", "high", "low"):
        if k in case and case["kind"] != "orders":
            f = frame(case[k], bars, assets).iloc[:, [c % assets for c in range(cols)]]
            f.columns = range(cols)
            kw[k] = f
    if case["kind"] == "macross":
        # vectorbt's own moving averages and crossings (independent of hean's grid)
        fast = vbt.MA.run(close, case["fast"])
        slow = vbt.MA.run(close, case["slow"])
        kw["entries"] = pd.DataFrame(fast.ma_crossed_above(slow).values, index=close.index, columns=close.columns)
        kw["exits"] = pd.DataFrame(fast.ma_crossed_below(slow).values, index=close.index, columns=close.columns)
        pf = vbt.Portfolio.from_signals(close, freq="1D", **kw)
    elif case["kind"] == "signals":
        for k in ("entries", "exits", "short_entries", "short_exits"):
            if k in case:
                s = frame(case[k], bars, cols).astype(bool)
                s.columns = range(cols)
                kw[k] = s
        if kw.get("price") == "open":
            kw["price"] = kw["open"]
        pf = vbt.Portfolio.from_signals(close, freq="1D", **kw)
    else:
        s = frame(case["size"], bars, cols)
        s.columns = range(cols)
        pf = vbt.Portfolio.from_orders(close, s, freq="1D", **kw)
    tr = pf.exit_trades.records_readable if hasattr(pf, "exit_trades") else pf.trades.records_readable
    rec = pf.exit_trades.values
    value = pf.value()
    groups = value.shape[1] if value.ndim == 2 else 1
    stats = []
    for g in range(groups):
        st = pf.stats(column=value.columns[g] if value.ndim == 2 else None)
        stats.append({k: st.get(k) for k in st.index})
    return {
        "trades": {
            "col": rec["col"].tolist(),
            "entryIndex": rec["entry_idx"].tolist(),
            "exitIndex": rec["exit_idx"].tolist(),
            "size": rec["size"].tolist(),
            "entryPrice": rec["entry_price"].tolist(),
            "exitPrice": rec["exit_price"].tolist(),
            "entryFees": rec["entry_fees"].tolist(),
            "exitFees": rec["exit_fees"].tolist(),
            "pnl": rec["pnl"].tolist(),
            "return": rec["return"].tolist(),
            "direction": rec["direction"].tolist(),
            "status": rec["status"].tolist(),
        },
        "value": np.asarray(value).T.reshape(-1).tolist(),
        "fees": np.asarray(pf.orders.fees.sum() if groups == 1 else pf.orders.fees.sum()).reshape(-1).tolist(),
        "finalValue": np.asarray(pf.final_value()).reshape(-1).tolist(),
        "stats": stats,
    }


def run_btpy(case):
    from backtesting import Backtest, Strategy

    bars = case["bars"]
    idx = pd.date_range("2020-01-01", periods=bars, freq="1D")
    df = pd.DataFrame({"Open": case["open"], "High": case["high"], "Low": case["low"], "Close": case["close"]}, index=idx)
    entries, exits, size = case["entries"], case["exits"], case["size"]

    class Signals(Strategy):
        def init(self):
            pass

        def next(self):
            i = len(self.data) - 1
            if exits[i] and self.position:
                self.position.close()
            if entries[i] and not self.position:
                self.buy(size=size)

    bt = Backtest(df, Signals, cash=case["cash"], commission=case["commission"], trade_on_close=case["tradeOnClose"], finalize_trades=False)
    st = bt.run()
    t = st["_trades"]
    return {
        "trades": {
            "size": t["Size"].tolist(),
            "entryIndex": t["EntryBar"].tolist(),
            "exitIndex": t["ExitBar"].tolist(),
            "entryPrice": t["EntryPrice"].tolist(),
            "exitPrice": t["ExitPrice"].tolist(),
            "pnl": t["PnL"].tolist(),
            "commission": t["Commission"].tolist() if "Commission" in t else [],
        },
        "equityFinal": st["Equity Final [$]"],
        "equity": st["_equity_curve"]["Equity"].tolist(),
        "commissions": st.get("Commissions [$]"),
        "sqn": st["SQN"],
        "exposure": st["Exposure Time [%]"],
    }


def main():
    cases = json.load(open(sys.argv[1]))
    out = []
    for case in cases:
        try:
            out.append(run_vbt(case) if case["lib"] == "vectorbt" else run_btpy(case))
        except Exception as e:  # reported per case: the test fails on it
            out.append({"error": f"{type(e).__name__}: {e}"})
    json.dump(clean(out), sys.stdout)


if __name__ == "__main__":
    main()
