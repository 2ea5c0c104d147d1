"""TA-Lib C 0.8 (the Python TA-Lib wheel) on the cases in argv[1]: for each case, every
output of talib.abstract.Function(name) with the given parameters, NaN as null. JSON out."""
import json
import math
import sys

import numpy as np
import talib
from talib import abstract

cases = json.load(open(sys.argv[1]))


def run(c):
    """Every output of case c, or None when TA-Lib refuses its parameters (TA_BAD_PARAM)."""
    f = abstract.Function(c["name"])
    inputs = {k: np.asarray(v, dtype=np.float64) for k, v in c["inputs"].items()}
    # Real inputs read close (price, price0) and high (price1), as the JS side passes them.
    names = dict(f.input_names)
    for k, v in names.items():
        if isinstance(v, str):
            names[k] = "high" if k == "price1" else "close"
    f.input_names = names
    f.set_input_arrays(inputs)
    # Real-valued options must reach the wheel as floats (JSON drops 2.0's point).
    params = {k: (float(v) if isinstance(f.parameters.get(k), float) else v) for k, v in c["params"].items()}
    f.set_parameters(params)
    # Integer outputs (MAXINDEX & co.) hold 0 in the warm-up: the lookback marks it instead.
    # Overflow (EXP, COSH, SINH of large prices) as "inf" / "-inf" (JSON has no infinity).
    try:
        res = f.outputs
    except Exception as e:
        if "TA_BAD_PARAM" not in str(e):
            raise
        return None
    lb = f.lookback
    if not isinstance(res, list):
        res = [res]
    return [
        [None if (math.isnan(x) or (np.issubdtype(np.asarray(r).dtype, np.integer) and i < lb))
         else ("inf" if x > 0 else "-inf") if math.isinf(x) else float(x)
         for i, x in enumerate(np.asarray(r, dtype=np.float64))]
        for r in res
    ]


out = [run(c) for c in cases]
print(json.dumps({"version": talib.__ta_version__.decode() if isinstance(talib.__ta_version__, bytes) else talib.__ta_version__, "results": out}))
