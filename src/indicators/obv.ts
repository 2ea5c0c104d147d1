import { indicator, type OptionlessIndicator, type Series } from '../core/indicator.js';

/**
 * On-balance volume (TA-Lib `OBV`, Granville): a running total that adds the bar's volume
 * when the close rises, subtracts it when the close falls, and is unchanged otherwise.
 *
 * As TA-Lib, it starts at `volume[0]` (not 0) on the first bar, so lookback 0. After a gap
 * (a non-finite bar) the total restarts from that run's first volume. Takes no options, so `out` may follow the inputs directly.
 *
 * @example obv(close, volume); obv(close, volume, out)
 */
export const obv: OptionlessIndicator<[close: Series, volume: Series], Float64Array> = indicator('obv');
