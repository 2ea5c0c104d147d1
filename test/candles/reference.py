"""TA-Lib C 0.8 (the Python TA-Lib wheel) on bars in binary files: every pattern in argv[2]
(comma-separated TA-Lib names) over open/high/low/close (float64 files argv[1].{o,h,l,c}),
optionally with candle settings (argv[3]: 33 comma-separated numbers, TA-Lib's setting
order, each rangeType, avgPeriod, factor). Writes int16 rows to argv[1].ref and prints
each pattern's lookback."""
import sys

import numpy as np
import talib
from talib import _ta_lib, abstract

base, names = sys.argv[1], sys.argv[2].split(",")
o, h, l, c = (np.fromfile(f"{base}.{k}") for k in "ohlc")
if len(sys.argv) > 3:
    v = [float(x) for x in sys.argv[3].split(",")]
    for k in range(11):
        _ta_lib._ta_set_candle_settings(k, int(v[3 * k]), int(v[3 * k + 1]), v[3 * k + 2])
rows = [getattr(talib, n)(o, h, l, c).astype(np.int16) for n in names]
np.array(rows).tofile(f"{base}.ref")
print(",".join(str(abstract.Function(n).lookback) for n in names))
