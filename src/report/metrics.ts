// How the report shows each backtest metric: one table over metricNames, so a new metric
// is a type error here until it has a label and a format.
import type { MetricName, MetricValues } from '../backtest/index.js';
import { metricNames } from '../backtest/index.js';

type Kind = 'percent' | 'ratio' | 'bars' | 'count' | 'cash';

const METRICS: Record<MetricName, [label: string, kind: Kind]> = {
  totalReturn: ['Total return', 'percent'],
  cagr: ['CAGR', 'percent'],
  annualizedVolatility: ['Annualized volatility', 'percent'],
  sharpeRatio: ['Sharpe ratio', 'ratio'],
  sortinoRatio: ['Sortino ratio', 'ratio'],
  calmarRatio: ['Calmar ratio', 'ratio'],
  omegaRatio: ['Omega ratio', 'ratio'],
  maxDrawdown: ['Max drawdown', 'percent'],
  maxDrawdownDuration: ['Max drawdown duration', 'bars'],
  avgDrawdown: ['Avg drawdown', 'percent'],
  totalTrades: ['Total trades', 'count'],
  closedTrades: ['Closed trades', 'count'],
  openTrades: ['Open trades', 'count'],
  winRate: ['Win rate', 'percent'],
  bestTrade: ['Best trade', 'percent'],
  worstTrade: ['Worst trade', 'percent'],
  avgTrade: ['Avg trade', 'percent'],
  avgWinningTrade: ['Avg winning trade', 'percent'],
  avgLosingTrade: ['Avg losing trade', 'percent'],
  avgTradeDuration: ['Avg trade duration', 'bars'],
  profitFactor: ['Profit factor', 'ratio'],
  expectancy: ['Expectancy', 'cash'],
  sqn: ['SQN', 'ratio'],
  exposureTime: ['Exposure time', 'percent'],
  totalFeesPaid: ['Total fees paid', 'cash'],
  benchmarkReturn: ['Benchmark return (buy & hold)', 'percent'],
  startValue: ['Start value', 'cash'],
  endValue: ['End value', 'cash'],
  openTradePnl: ['Open trade PnL', 'cash'],
};

/** One row of the metrics table: the metric, its label, the shown text and the exact value. */
export interface MetricRow {
  name: MetricName;
  label: string;
  text: string;
  /** The value as `String(x)`: exact (round-trips through Number), 'NaN' or '±Infinity'. */
  raw: string;
}

function fixed(x: number, digits: number): string {
  // Grouped thousands make cash values readable; toFixed alone would not.
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function show(x: number, kind: Kind): string {
  if (Number.isNaN(x)) return '—';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '−∞';
  switch (kind) {
    case 'percent':
      return `${fixed(x * 100, 2)}%`;
    case 'ratio':
      return fixed(x, 2);
    case 'bars':
      return `${fixed(x, Number.isInteger(x) ? 0 : 1)} bars`;
    case 'count':
      return fixed(x, 0);
    case 'cash':
      return fixed(x, 2);
  }
}

/** The metrics of one backtest column as table rows, in {@link metricNames} order. */
export function metricRows(stats: MetricValues): MetricRow[] {
  return metricNames.map((name) => {
    const [label, kind] = METRICS[name];
    const x = stats[name];
    return { name, label, text: show(x, kind), raw: String(x) };
  });
}
